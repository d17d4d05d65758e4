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
 * The rule for a URL the app sends credentials to (a tenant's Backend URL, an API connection's
 * Base URL): absolute https, http only for loopback, no white space or control characters, no
 * user name or password, no fragment, at most `max` characters. Returns the reason as an encoded
 * message key under `keyPrefix` (`…required`, `…tooLong`, `…invalid`, `…protocol`, `…insecure`,
 * `…credentials`, `…fragment`), or null when the URL is acceptable.
 */
export function secureUrlProblem(value: string, keyPrefix: string, max: number = LIMITS.urlMax): string | null {
  if (value.length === 0) return `${keyPrefix}.required`;
  if (value.length > max) return encodeIssueMessage(`${keyPrefix}.tooLong`, { max });
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
