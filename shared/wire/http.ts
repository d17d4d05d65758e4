/**
 * HTTP conventions of the backend contract (api/openapi.json): where it lives, the headers it
 * uses, and how versions travel as entity tags. Pure: the sandbox, the app's client and the
 * document generator all use these.
 */

/** The path the platform's public API lives under (`https://service-chat.qontak.com/api/open/v1`). */
export const WIRE_BASE_PATH = '/api/open/v1';

export const WIRE_HEADERS = {
  authorization: 'Authorization',
  etag: 'ETag',
  ifMatch: 'If-Match',
  idempotencyKey: 'Idempotency-Key',
  /** Set on a POST answered from the idempotency store (a repeat of an earlier request). */
  idempotentReplayed: 'Idempotent-Replayed',
  retryAfter: 'Retry-After',
  location: 'Location',
} as const;

/** A resource version: the characters an entity tag allows inside its quotes (RFC 9110). */
export const WIRE_VERSION_PATTERN = /^[\x21\x23-\x7e]{1,64}$/;

/** An Idempotency-Key: printable ASCII, bounded (the app sends `<installation id>:<mutation number>`). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** `ETag` value for a version: a strong entity tag. */
export function formatEtag(version: string): string {
  return `"${version}"`;
}

/** The version inside a strong entity tag, or null when the value is not one. */
export function parseEtag(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^"([\x21\x23-\x7e]{1,64})"$/.exec(value.trim());
  return match ? match[1]! : null;
}

export type IfMatch = { kind: 'any' } | { kind: 'versions'; versions: string[] } | { kind: 'invalid' };

/**
 * An `If-Match` header: `*`, or a comma-separated list of strong entity tags. Weak tags never
 * match (If-Match uses the strong comparison), so they make the header invalid here.
 */
export function parseIfMatch(value: string): IfMatch {
  const trimmed = value.trim();
  if (trimmed === '*') return { kind: 'any' };
  const versions: string[] = [];
  for (const part of trimmed.split(',')) {
    const version = parseEtag(part);
    if (version === null) return { kind: 'invalid' };
    versions.push(version);
  }
  return versions.length > 0 ? { kind: 'versions', versions } : { kind: 'invalid' };
}

/** Fills `{name}` segments of a route path, encoding each value. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(value);
  });
}
