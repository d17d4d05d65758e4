import type { IncomingMessage, ServerResponse } from 'node:http';

export interface LingerLimits {
  /** How much more of the refused body is read (and thrown away) before the connection is cut. */
  maxBytes: number;
  /** How long the client may take to stop sending before the connection is cut. */
  maxMs: number;
}

const MIN_LINGER_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 10_000;

/** Lingering bounds for a refused body on a channel that accepts up to `maxBodyBytes`. */
export function lingerLimits(maxBodyBytes: number): LingerLimits {
  return { maxBytes: Math.max(MIN_LINGER_BYTES, maxBodyBytes), maxMs: LINGER_MS };
}

/**
 * Ends a connection whose request is refused before its body was read (413), so that the client
 * reads the answer: once the answer is written, our side of the connection is closed (FIN) and
 * whatever the client still sends is read and thrown away until it stops, within `limits`.
 * Cutting the connection at once would make the operating system answer the unread bytes with a
 * reset, and a client still sending then loses the answer that was already on its way.
 * The response must not carry `Connection: close`: Node would then cut the connection itself as
 * soon as the answer is written.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, limits: LingerLimits): void {
  const socket = req.socket;
  res.once('finish', () => {
    let drained = 0;
    const cut = (): void => {
      clearTimeout(timer);
      socket.destroy();
    };
    const timer = setTimeout(cut, limits.maxMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > limits.maxBytes) cut();
    });
    req.on('error', cut);
    socket.end();
    req.resume();
  });
}
