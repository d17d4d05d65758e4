import { z } from 'zod';
import { LIMITS } from './limits';
import { encodeIssueMessage } from '../validation/issue-message';
import { hasControlCharacter } from '../validation/control-characters';

/** http:// is accepted only for these hosts (a server on the same machine). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

export function isLoopbackHost(hostname: string): boolean {
  return (LOOPBACK_HOSTS as readonly string[]).includes(hostname);
}

/**
 * An https URL that the rule below accepts without parsing it: `https://`, a host name of ASCII
 * letters, digits and hyphens whose last label starts with a letter (so neither an IPv4 address
 * nor a number the URL parser would read as one) and no label `xn--…` (punycode, which the parser
 * decodes and may refuse), an optional port below 10,000, then a path or query of printable ASCII
 * without `#`. Such a text parses as a URL with that host and no credentials, and holds no white
 * space, control character or fragment. Anything else goes through the parser.
 */
const PLAIN_HTTPS_URL = /^https:\/\/(?:(?![Xx][Nn]--)[A-Za-z0-9-]+\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9-]*(?::[0-9]{1,4})?(?:[/?][!-"$-~]*)?$/;

/**
 * The rule for a URL the app sends credentials to (a tenant's Backend URL, an API connection's
 * Base URL): absolute https, http only for loopback, no white space or control characters, no
 * user name or password, no fragment, at most `max` characters. Returns the reason as an encoded
 * message key under `keyPrefix` (`…required`, `…tooLong`, `…invalid`, `…protocol`, `…insecure`,
 * `…credentials`, `…fragment`), or null when the URL is acceptable.
 */
export function secureUrlProblem(value: string, keyPrefix: string, max: number = LIMITS.urlMax): string | null {
  if (value.length === 0) return `${keyPrefix}.required`;
  if (value.length > max) return encodeIssueMessage(`${keyPrefix}.tooLong`, { max });
  if (PLAIN_HTTPS_URL.test(value)) return null;
  if (/\s/.test(value) || hasControlCharacter(value)) return `${keyPrefix}.invalid`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${keyPrefix}.invalid`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${keyPrefix}.protocol`;
  if (url.hostname === '') return `${keyPrefix}.invalid`;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return `${keyPrefix}.insecure`;
  if (url.username !== '' || url.password !== '') return `${keyPrefix}.credentials`;
  if (value.includes('#')) return `${keyPrefix}.fragment`;
  return null;
}

/** A URL under secureUrlProblem's rule. `keyPrefix` names the field in messages (`tenant.backendUrl.insecure`, ...). */
export function secureUrl(keyPrefix: string, max: number = LIMITS.urlMax) {
  return z.string({ invalid_type_error: `${keyPrefix}.invalid`, required_error: `${keyPrefix}.required` }).superRefine((value, ctx) => {
    const problem = secureUrlProblem(value, keyPrefix, max);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}
