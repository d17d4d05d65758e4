import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST_PATHS, hostMaxBodyBytes, type RpcDispatcher } from '../../shared/rpc/contract';
import { hostTextBodyField } from '../../shared/rpc/host-transport';
import type { RpcResult } from '../../shared/rpc/rpc-error';
import { closeAfterAnswer, lingerLimits } from './close-after-answer';
import { httpStatusForCode } from './http-status';
import { readLimitedBody } from './read-limited-body';
import { sendJson, sendRpcError } from './responses';

/**
 * `POST /rpc/<channel>` with the input as JSON body, or, for a channel whose input is one text (an
 * import file: hostTextBodyField), that text as a raw `text/plain` body in UTF-8, handed to the
 * channel as the body's bytes (decoded where the file is read, off this thread). The dispatcher
 * decides everything about the channel (unknown → UNKNOWN_CHANNEL) and the input (INVALID_INPUT);
 * this route only turns HTTP into a dispatch and the result back into HTTP. Caller has checked
 * Host, Origin and token.
 */
export async function handleRpcRequest(req: IncomingMessage, res: ServerResponse, pathname: string, dispatcher: RpcDispatcher): Promise<void> {
  if (req.method !== 'POST') {
    sendRpcError(res, 'BAD_REQUEST', `Use POST for ${HOST_PATHS.rpc}<channel>.`, { Allow: 'POST' });
    return;
  }
  const channel = decodeChannel(pathname.slice(HOST_PATHS.rpc.length));
  if (channel === null) {
    sendRpcError(res, 'BAD_REQUEST', 'The channel name in the path is not valid.');
    return;
  }

  const body = await readInput(req, res, hostMaxBodyBytes(channel), bodyKind(req, channel));
  if (!body) return;
  const result = await dispatchSafely(dispatcher, channel, body.input);
  sendJson(res, result.ok ? 200 : httpStatusForCode(result.error.code), result);
}

/** How a request's body carries its input. */
type BodyKind = { as: 'json' } | { as: 'text'; field: string } | { as: 'refused'; message: string };

/**
 * JSON for any type but text/plain (as always); text/plain is the raw text of the channel's text
 * field, refused for a channel that takes JSON only or in a charset other than UTF-8.
 */
function bodyKind(req: IncomingMessage, channel: string): BodyKind {
  const [mediaType = '', ...parameters] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'text/plain') return { as: 'json' };
  const field = hostTextBodyField(channel);
  if (field === null) return { as: 'refused', message: `The channel "${channel}" takes its input as a JSON body (Content-Type: application/json).` };
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return { as: 'refused', message: 'A text body must be UTF-8 (charset=utf-8).' };
  return { as: 'text', field };
}

/**
 * The input: the body parsed as JSON, or `{ [field]: body }` for a raw text body; null when an
 * answer was sent (or the connection dropped). A refused body is read (within the limit) before
 * the answer, so that the connection stays usable. A JSON body's text lives only in here, so that
 * it is let go once parsed, before the dispatch.
 */
async function readInput(req: IncomingMessage, res: ServerResponse, maxBytes: number, kind: BodyKind): Promise<{ input: unknown } | null> {
  const body = await readLimitedBody(req, maxBytes);
  if (body.kind === 'aborted') {
    res.destroy();
    return null;
  }
  if (body.kind === 'too-large') {
    // Answer at once; the rest of the body is never used, and the connection is closed gently so
    // that the client, which may still be sending, reads this answer.
    closeAfterAnswer(req, res, lingerLimits(maxBytes));
    sendRpcError(res, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
    return null;
  }
  if (kind.as === 'refused') {
    sendRpcError(res, 'BAD_REQUEST', kind.message);
    return null;
  }
  if (kind.as === 'text') return { input: { [kind.field]: body.bytes } };
  try {
    return { input: JSON.parse(body.bytes.toString('utf8')) as unknown };
  } catch {
    sendRpcError(res, 'BAD_REQUEST', 'The request body is not valid JSON.');
    return null;
  }
}

function decodeChannel(raw: string): string | null {
  try {
    const name = decodeURIComponent(raw);
    return name.length > 0 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

/** The dispatcher promises never to throw; should it still, the client gets a typed INTERNAL. */
async function dispatchSafely(dispatcher: RpcDispatcher, channel: string, input: unknown): Promise<RpcResult<unknown>> {
  try {
    return await dispatcher.dispatch(channel, input);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `The request on "${channel}" failed unexpectedly.` } };
  }
}
