import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcEventName } from '../../shared/rpc/contract';

export type CoreEventSource = (listener: (name: RpcEventName, payload: unknown) => void) => () => void;

const HEARTBEAT_MS = 15_000;

/**
 * `GET /events`: server-sent events forwarding the core's events to every open stream. A comment
 * line every few seconds keeps proxies and dead-peer detection honest.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(source: CoreEventSource) {
    this.unsubscribe = source((name, payload) => this.broadcast(name, payload));
    this.heartbeat = setInterval(() => this.writeAll(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  accept(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.open.add(res);
    const drop = (): void => {
      this.open.delete(res);
    };
    req.once('close', drop);
    res.once('close', drop);
  }

  get size(): number {
    return this.open.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const res of this.open) res.end();
    this.open.clear();
  }

  private broadcast(name: RpcEventName, payload: unknown): void {
    this.writeAll(`event: ${name}\ndata: ${JSON.stringify(payload ?? null)}\n\n`);
  }

  private writeAll(frame: string): void {
    for (const res of this.open) {
      if (!res.writableEnded) res.write(frame);
    }
  }
}
