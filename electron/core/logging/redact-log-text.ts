/**
 * Removes what looks like a credential from text bound for the log or a diagnostics file: the
 * core never puts a secret in a message on purpose, and this catches what a library or a backend
 * echoed (an Authorization header, a token in JSON or a query, a password in a URL).
 */
const REDACTED = '[redacted]';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization: Bearer abc / Basic abc / any scheme
  [/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1$2${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g, `$1 ${REDACTED}`],
  // "access_token": "…", refresh_token=…, password: …, apikey, client_secret, x-api-key …
  [
    /\b([\w-]*(?:token|secret|password|passwd|apikey|api_key|api-key|credential|cookie)[\w-]*)(["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&}"']+)/gi,
    `$1$2${REDACTED}`,
  ],
  // https://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // JSON Web Tokens anywhere
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export function redactLogText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
