import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/body';
import { errorAnswer, send } from '../http/respond';
import { WireHttpError } from '../http/wire-http-error';
import { oauthToken } from '../handlers/oauth';
import type { Stores } from '../store/stores';

/**
 * The legacy chat-service's OAuth token route, where Qontak has it: `POST /oauth/token` at the
 * service's root (its chat routes are under /api/open/v1, its token grant is not). The grant must
 * carry the OAuth client (`client_id`, `client_secret`); the accounts and tokens are the
 * sandbox's own, so a token issued here works on the contract's chat routes.
 */
export const LEGACY_TOKEN_PATH = '/oauth/token';

export interface LegacyChatService {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Token grants answered at the root (what a test checks the client sent there). */
  grants(): number;
}

const MAX_BODY_BYTES = 16 * 1024;

export function createLegacyChatService(stores: Stores): LegacyChatService {
  let grants = 0;
  return {
    grants: () => grants,
    async handle(req, res, url) {
      try {
        if (req.method !== 'POST') throw new WireHttpError('method_not_allowed', `${req.method} is not allowed here.`, { allowedMethods: ['POST'] }, { Allow: 'POST' });
        const read = await readBody(req, MAX_BODY_BYTES);
        if (!read.ok) throw new WireHttpError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
        const body = parseGrant(req, read.body.toString('utf8'));
        if (typeof body.client_id !== 'string' || typeof body.client_secret !== 'string' || !body.client_id || !body.client_secret) {
          throw new WireHttpError('invalid_request', 'The chat-service’s token grant needs client_id and client_secret.');
        }
        grants += 1;
        const answer = stores.db.transaction(() =>
          oauthToken({ stores, key: 'oauthToken', params: {}, query: url.searchParams, body, ifMatch: null, idempotencyKey: null, basePath: '' }),
        )();
        send(res, answer);
      } catch (error) {
        if (!(error instanceof WireHttpError)) throw error;
        send(res, errorAnswer(error));
      }
    },
  };
}

function parseGrant(req: IncomingMessage, text: string): Record<string, unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type !== 'application/json') throw new WireHttpError('unsupported_media_type', 'Send the body as application/json or application/x-www-form-urlencoded.');
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new WireHttpError('invalid_request', 'The body is not a JSON object.');
}
