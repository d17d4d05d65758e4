import type { ApiConnection, ApiSettings, ApiHeaders, JsonValue } from '../schemas/api-connection';
import type { ApiConnectionPublic, ApiConnectionView, SecretSlot } from '../schemas/api-connection-public';
import { tokenExpiry } from './token-expiry';

/**
 * The secret split of an API connection. Secrets are: every value inside `Settings`, every header
 * value, `access_token` and `refresh_token`. Each secret has a field name, stable and unique in
 * its connection, under which the vault stores it:
 *   settings/<key>   (the key escaped as in a JSON Pointer: `~` → `~0`, `/` → `~1`)
 *   headers/<name>
 *   token/access_token, token/refresh_token
 * Empty strings are not secrets (the keychain cannot store them): the public part says "not set".
 */
export type SecretPath =
  | { section: 'settings'; key: string }
  | { section: 'headers'; name: string }
  | { section: 'token'; field: 'access_token' | 'refresh_token' };

export interface ApiConnectionSecret {
  path: SecretPath;
  /** The vault field name (see above). */
  field: string;
  value: string;
}

export interface SplitApiConnection {
  public: ApiConnectionPublic;
  secrets: ApiConnectionSecret[];
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeKey = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');

export function secretFieldName(path: SecretPath): string {
  switch (path.section) {
    case 'settings':
      return `settings/${escapeKey(path.key)}`;
    case 'headers':
      return `headers/${path.name}`;
    case 'token':
      return `token/${path.field}`;
  }
}

/** The inverse of secretFieldName; null for a name this module never makes. */
export function parseSecretFieldName(field: string): SecretPath | null {
  const slash = field.indexOf('/');
  if (slash === -1) return null;
  const section = field.slice(0, slash);
  const rest = field.slice(slash + 1);
  if (rest === '') return null;
  if (section === 'settings') return { section, key: unescapeKey(rest) };
  if (section === 'headers') return { section, name: rest };
  if (section === 'token' && (rest === 'access_token' || rest === 'refresh_token')) return { section, field: rest };
  return null;
}

/** A settings value as the vault stores it: its JSON text (so numbers, objects ... survive). */
const settingsSecretText = (value: JsonValue) => JSON.stringify(value);

export function splitApiConnection(connection: ApiConnection): SplitApiConnection {
  const secrets: ApiConnectionSecret[] = [];
  const add = (path: SecretPath, value: string) => {
    if (value !== '') secrets.push({ path, field: secretFieldName(path), value });
  };
  const settingsKeys = connection.settings ? Object.keys(connection.settings) : null;
  for (const key of settingsKeys ?? []) add({ section: 'settings', key }, settingsSecretText((connection.settings as ApiSettings)[key] as JsonValue));
  const headers = connection.headers
    ? Object.entries(connection.headers).map(([name, value]) => {
        add({ section: 'headers', name }, value);
        return { name, set: value !== '' };
      })
    : null;
  let token: ApiConnectionPublic['token'] = null;
  if (connection.token) {
    const t = connection.token;
    add({ section: 'token', field: 'access_token' }, t.access_token);
    add({ section: 'token', field: 'refresh_token' }, t.refresh_token);
    token = {
      token_type: t.token_type,
      expires_in: t.expires_in,
      created_at: t.created_at,
      accessTokenSet: t.access_token !== '',
      refreshTokenSet: t.refresh_token !== '',
    };
  }
  const publicPart: ApiConnectionPublic = {
    name: connection.name,
    description: connection.description,
    code: connection.code,
    baseUrl: connection.baseUrl,
    settingsKeys,
    headers,
    token,
  };
  return { public: publicPart, secrets };
}

/** The vault field names a public part says are set: what must be read to rebuild the connection. */
export function secretFieldsOf(publicPart: ApiConnectionPublic): string[] {
  const fields: string[] = [];
  for (const key of publicPart.settingsKeys ?? []) fields.push(secretFieldName({ section: 'settings', key }));
  for (const header of publicPart.headers ?? []) if (header.set) fields.push(secretFieldName({ section: 'headers', name: header.name }));
  if (publicPart.token?.accessTokenSet) fields.push(secretFieldName({ section: 'token', field: 'access_token' }));
  if (publicPart.token?.refreshTokenSet) fields.push(secretFieldName({ section: 'token', field: 'refresh_token' }));
  return fields;
}

export type JoinResult = { ok: true; value: ApiConnection } | { ok: false; missing: string[] };

/** Rebuilds the full connection from its public part and its secrets (by field name). */
export function joinApiConnection(publicPart: ApiConnectionPublic, secrets: ReadonlyMap<string, string>): JoinResult {
  const missing = secretFieldsOf(publicPart).filter((field) => !secrets.has(field));
  if (missing.length > 0) return { ok: false, missing };
  const read = (path: SecretPath) => secrets.get(secretFieldName(path)) ?? '';
  let settings: ApiSettings | null = null;
  if (publicPart.settingsKeys) {
    try {
      settings = Object.fromEntries(publicPart.settingsKeys.map((key) => [key, JSON.parse(read({ section: 'settings', key })) as JsonValue]));
    } catch {
      // A settings secret that is not JSON was not written by splitApiConnection: treat it as missing.
      return { ok: false, missing: publicPart.settingsKeys.map((key) => secretFieldName({ section: 'settings', key })) };
    }
  }
  const headers: ApiHeaders | null = publicPart.headers
    ? Object.fromEntries(publicPart.headers.map((h) => [h.name, h.set ? read({ section: 'headers', name: h.name }) : '']))
    : null;
  const t = publicPart.token;
  const token = t
    ? {
        token_type: t.token_type,
        access_token: t.accessTokenSet ? read({ section: 'token', field: 'access_token' }) : '',
        expires_in: t.expires_in,
        refresh_token: t.refreshTokenSet ? read({ section: 'token', field: 'refresh_token' }) : '',
        created_at: t.created_at,
      }
    : null;
  const { name, description, code, baseUrl } = publicPart;
  return { ok: true, value: { name, description, code, baseUrl, settings, headers, token } };
}

/** Shortest secret whose last two characters may be shown: below it, a preview would reveal too much of it. */
export const MASK_REVEAL_MIN_LENGTH = 12;
export const MASK = '••••';

/** A masked preview: `••••` and, for a long value, its last two characters. Never more. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  return chars.length >= MASK_REVEAL_MIN_LENGTH ? MASK + chars.slice(-2).join('') : MASK;
}

/** A settings secret is previewed as the value the user typed, not its JSON quoting. */
function previewOfSecret(path: SecretPath, stored: string): string {
  if (path.section !== 'settings') return maskSecret(stored);
  try {
    const value: unknown = JSON.parse(stored);
    return maskSecret(typeof value === 'string' ? value : stored);
  } catch {
    return maskSecret(stored);
  }
}

/**
 * What the renderer sees. `secrets` (by field name) gives masked previews; pass null when the
 * vault cannot be read: the view then still says which values are set.
 */
export function apiConnectionView(publicPart: ApiConnectionPublic, secrets: ReadonlyMap<string, string> | null, now: Date = new Date()): ApiConnectionView {
  const slot = (path: SecretPath, set: boolean): SecretSlot => {
    const stored = set ? secrets?.get(secretFieldName(path)) : undefined;
    return { set, preview: stored === undefined ? null : previewOfSecret(path, stored) };
  };
  const t = publicPart.token;
  let token: ApiConnectionView['token'] = null;
  if (t) {
    const expiry = tokenExpiry(t, now);
    token = {
      token_type: t.token_type,
      expires_in: t.expires_in,
      created_at: t.created_at,
      expiresAt: expiry.expiresAt.toISOString(),
      expired: expiry.expired,
      access_token: slot({ section: 'token', field: 'access_token' }, t.accessTokenSet),
      refresh_token: slot({ section: 'token', field: 'refresh_token' }, t.refreshTokenSet),
    };
  }
  return {
    name: publicPart.name,
    description: publicPart.description,
    code: publicPart.code,
    baseUrl: publicPart.baseUrl,
    settings: publicPart.settingsKeys?.map((key) => ({ key, secret: slot({ section: 'settings', key }, true) })) ?? null,
    headers: publicPart.headers?.map((h) => ({ name: h.name, secret: slot({ section: 'headers', name: h.name }, h.set) })) ?? null,
    token,
  };
}
