import type { IncomingMessage } from 'node:http';

export type LimitedBody = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads a request body up to `maxBytes`. A declared Content-Length over the limit is refused
 * before reading anything; a body that grows past it is refused as soon as it does, without
 * buffering the rest (the caller answers 413 and closes the connection).
 *
 * A body of declared length is copied chunk by chunk into one buffer of that size, so that each
 * chunk can go as soon as it arrived and the body is held once while it is read (an import file
 * is tens of megabytes); the buffer is the body's alone (not pooled), so that it can be handed on
 * as it is. Without a declared length (chunked), the chunks are kept and joined at the end.
 */
export function readLimitedBody(req: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) return Promise.resolve({ kind: 'too-large' });

  return new Promise((resolve) => {
    let sink: BodySink | null = declared === null ? new ChunkSink() : new FixedSink(declared);
    let settled = false;
    const finish = (result: LimitedBody): void => {
      if (settled) return;
      settled = true;
      sink = null;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (!sink) return;
      if (sink.size + chunk.length > maxBytes) {
        req.pause();
        finish({ kind: 'too-large' });
      } else if (!sink.add(chunk)) finish({ kind: 'aborted' });
    };
    const onEnd = (): void => {
      const bytes = sink?.bytes();
      sink = null;
      // Fewer bytes than declared: Node itself ends such a request with an error, not 'end'.
      finish(bytes === undefined ? { kind: 'aborted' } : { kind: 'ok', bytes });
    };
    const onError = (): void => finish({ kind: 'aborted' });
    // 'close' after 'end' changes nothing (already settled); before it, the client went away.
    const onClose = (): void => finish({ kind: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const declared = Number(header);
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : null;
}

interface BodySink {
  readonly size: number;
  /** False when the chunk does not fit (more bytes than declared). */
  add(chunk: Buffer): boolean;
  bytes(): Buffer;
}

/** The body in one buffer of its declared length. */
class FixedSink implements BodySink {
  size = 0;
  private readonly buffer: Buffer;

  constructor(length: number) {
    // allocUnsafeSlow: a buffer of its own, never a slice of Node's shared pool.
    this.buffer = Buffer.allocUnsafeSlow(length);
  }

  add(chunk: Buffer): boolean {
    if (this.size + chunk.length > this.buffer.length) return false;
    chunk.copy(this.buffer, this.size);
    this.size += chunk.length;
    return true;
  }

  bytes(): Buffer {
    return this.size === this.buffer.length ? this.buffer : this.buffer.subarray(0, this.size);
  }
}

/** The body as its chunks, joined at the end. */
class ChunkSink implements BodySink {
  size = 0;
  private chunks: Buffer[] = [];

  add(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  bytes(): Buffer {
    const joined = Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    return joined;
  }
}
