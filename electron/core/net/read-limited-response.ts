import type { Dispatcher } from 'undici';

/** A response body longer than the caller accepts: it was not read any further. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The response is larger than ${maxBytes} bytes.`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * A response body as UTF-8 text, up to `maxBytes`. A declared Content-Length over the limit is
 * refused before anything is read; a body that grows past it is refused as soon as it does. Either
 * way the body is let go (its connection is closed, not kept for another request) and
 * ResponseTooLargeError is thrown.
 */
export async function readLimitedResponse(body: Dispatcher.ResponseData['body'], declared: string | string[] | undefined, maxBytes: number): Promise<string> {
  if (Number(declared ?? 0) > maxBytes) {
    discard(body);
    throw new ResponseTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBytes) {
      discard(body);
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

/**
 * Closes a body without reading the rest. undici's body emits an 'aborted' error when destroyed;
 * with nobody reading it, that error would be uncaught and end the process.
 */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}
