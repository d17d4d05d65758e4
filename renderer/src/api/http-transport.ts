import type { RendererApi, RpcEventName } from '../../../shared/rpc/contract';
import { HOST_PATHS, HOST_TEXT_BODY_TYPE, hostTextBodyField } from '../../../shared/rpc/host-transport';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import { SseParser } from './sse-parser';

export interface HttpTransportOptions {
  /** The host's origin, e.g. `http://127.0.0.1:5123`. */
  baseUrl: string;
  token: string;
  /** The host answered 401: the launch token is no longer valid. */
  onUnauthorized?: () => void;
  fetch?: typeof globalThis.fetch;
  /** Reconnect delays of the event stream, in ms: first, and the cap it doubles up to. */
  reconnect?: { initialMs: number; maxMs: number };
}

type Listener = (payload: unknown) => void;

/** Bytes a request can carry as they are (not a view of shared memory). */
function isBodyBytes(value: unknown): value is Uint8Array<ArrayBuffer> {
  return value instanceof Uint8Array && value.buffer instanceof ArrayBuffer;
}

/** An import file goes as the raw body (hostTextBodyField) when the input is just its text or bytes. */
function textBodyOf(channel: string, input: unknown): string | Uint8Array<ArrayBuffer> | null {
  const field = hostTextBodyField(channel);
  if (field === null || typeof input !== 'object' || input === null) return null;
  const keys = Object.keys(input);
  const text = (input as Record<string, unknown>)[field];
  return keys.length === 1 && keys[0] === field && (typeof text === 'string' || isBodyBytes(text)) ? text : null;
}

/**
 * The headless host's transport: `POST /rpc/<channel>` for calls and one shared server-sent
 * event stream (`GET /events`) for pushes. The token goes in the Authorization header, so
 * EventSource (which cannot send headers) is replaced by fetch and a stream parser.
 */
export function createHttpTransport(options: HttpTransportOptions): RendererApi & { close(): void } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const reconnect = options.reconnect ?? { initialMs: 500, maxMs: 10_000 };
  const authorization = `Bearer ${options.token}`;
  const listeners = new Map<RpcEventName, Set<Listener>>();
  let stream: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  async function invoke(channel: string, input: unknown): Promise<RpcResult<unknown>> {
    const text = textBodyOf(channel, input);
    const response = await doFetch(`${options.baseUrl}${HOST_PATHS.rpc}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': text === null ? 'application/json' : HOST_TEXT_BODY_TYPE, Authorization: authorization },
      body: text ?? JSON.stringify(input ?? {}),
    });
    if (response.status === 401) options.onUnauthorized?.();
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return {
        ok: false,
        error: { code: response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL', message: `The host answered HTTP ${response.status} without an RPC result.` },
      };
    }
    return body as RpcResult<unknown>;
  }

  function listenerCount(): number {
    let count = 0;
    for (const set of listeners.values()) count += set.size;
    return count;
  }

  function dispatch(name: string, data: string): void {
    const set = listeners.get(name as RpcEventName);
    if (!set) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of [...set]) listener(payload);
  }

  async function connect(delayMs: number): Promise<void> {
    const controller = new AbortController();
    stream = controller;
    let nextDelay = delayMs;
    try {
      const response = await doFetch(`${options.baseUrl}${HOST_PATHS.events}`, {
        headers: { Accept: 'text/event-stream', Authorization: authorization },
        signal: controller.signal,
      });
      if (response.status === 401) {
        options.onUnauthorized?.();
        stream = null;
        return; // a new token is needed; retrying cannot help
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      nextDelay = reconnect.initialMs; // connected: the next drop starts the backoff again
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.feed(value)) dispatch(event.event, event.data);
      }
    } catch {
      // Dropped or refused: reconnect below unless we were closed on purpose.
    }
    if (stream !== controller || stopped || controller.signal.aborted) return;
    stream = null;
    if (listenerCount() === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stream && listenerCount() > 0 && !stopped) void connect(Math.min(nextDelay * 2, reconnect.maxMs));
    }, nextDelay);
  }

  function disconnect(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    stream?.abort();
    stream = null;
  }

  function on(event: RpcEventName, listener: Listener): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    if (!stream && !retryTimer && !stopped) void connect(reconnect.initialMs);
    return () => {
      set.delete(listener);
      if (listenerCount() === 0) disconnect();
    };
  }

  function close(): void {
    stopped = true;
    listeners.clear();
    disconnect();
  }

  return { invoke, on, close };
}
