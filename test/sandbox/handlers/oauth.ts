import { tokenRequestSchema, type TokenResponse } from '../../../shared/wire/oauth';
import { jsonAnswer } from '../http/respond';
import { WireHttpError } from '../http/wire-http-error';
import { parseBody, type PublicHandler } from './context';

const REFRESH_FAILURE = {
  unknown: 'The refresh token is not valid.',
  revoked: 'The refresh token was used or revoked: sign in again.',
  expired: 'The refresh token has expired: sign in again.',
} as const;

/** POST /oauth/token: password grant or refresh grant; the answer has the OAuth shape. */
export const oauthToken: PublicHandler = (ctx) => {
  const request = parseBody(tokenRequestSchema, ctx.body);
  let issued;
  if (request.grant_type === 'password') {
    const tenant = ctx.stores.tenants.authenticate(request.username, request.password);
    if (!tenant) throw new WireHttpError('invalid_grant', 'The username or password is wrong.');
    issued = ctx.stores.tokens.issue(tenant.id);
  } else {
    const refreshed = ctx.stores.tokens.refresh(request.refresh_token);
    if (!refreshed.ok) throw new WireHttpError('invalid_grant', REFRESH_FAILURE[refreshed.reason]);
    issued = refreshed;
  }
  const body: TokenResponse = {
    access_token: issued.accessToken,
    token_type: 'bearer',
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    created_at: issued.createdAt,
  };
  return jsonAnswer(200, body, { Pragma: 'no-cache' });
};
