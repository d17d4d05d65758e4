import { isAppPolicy } from '../../shared/security/content-security-policy';

/**
 * Response headers with our Content-Security-Policy in place of any the response carried (header
 * names are case-insensitive, so every spelling of it goes). The app's own page keeps the policy
 * it was served with when that is ours with the page's nonce (app-request-handler.ts).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  let own: string | null = null;
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' && value.length === 1 && isAppPolicy(value[0]!)) own = value[0]!;
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    result[name] = value;
  }
  result['Content-Security-Policy'] = [own ?? policy];
  result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}
