/**
 * A validation message travels as a stable key plus optional parameters, encoded in one string so
 * that it fits zod's `message` (and therefore vee-validate's error strings). The renderer turns it
 * into text in the user's language; the core renders English for RPC errors.
 *
 *   encodeIssueMessage('ref.division.missing', { name: 'Sales' }) === 'ref.division.missing {"name":"Sales"}'
 */
export type IssueParams = Record<string, string | number>;

export interface DecodedIssueMessage {
  key: string;
  params: IssueParams;
}

export function encodeIssueMessage(key: string, params?: IssueParams): string {
  return params && Object.keys(params).length > 0 ? `${key} ${JSON.stringify(params)}` : key;
}

export function decodeIssueMessage(message: string): DecodedIssueMessage {
  const space = message.indexOf(' ');
  if (space === -1) return { key: message, params: {} };
  const key = message.slice(0, space);
  try {
    const parsed: unknown = JSON.parse(message.slice(space + 1));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const params: IssueParams = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (typeof v === 'string' || typeof v === 'number') params[k] = v;
      }
      return { key, params };
    }
  } catch {
    // Not an encoded message (a plain sentence from a library): show it as it is.
  }
  return { key: message, params: {} };
}
