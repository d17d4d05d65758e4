/**
 * Removes known secret values from text a remote party wrote (an error message, field issues):
 * a backend may quote what it refused, and the request carried secrets. Each value is looked
 * for as sent, JSON-escaped (a quoted body) and percent-encoded (a quoted URL or form). Values
 * shorter than REDACT_MIN_LENGTH are left alone: they cannot be told apart from ordinary words
 * and numbers, and blanking them would garble every message.
 */
export const REDACTED = '••••';
export const REDACT_MIN_LENGTH = 4;

/** The forms to look for, longest first (a value that contains another goes first). */
function formsOf(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < REDACT_MIN_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    try {
      forms.add(encodeURIComponent(secret));
    } catch {
      // a lone surrogate cannot be percent-encoded; the other forms still apply
    }
  }
  return [...forms].filter((form) => form.length >= REDACT_MIN_LENGTH).sort((a, b) => b.length - a.length);
}

export function redactValues(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const form of formsOf(secrets)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** Every string in a JSON-like value (keys included), redacted; the shape is kept. */
export function redactDeep<T>(value: T, secrets: Iterable<string>): T {
  const forms = formsOf(secrets);
  if (forms.length === 0) return value;
  const text = (s: string) => {
    let out = s;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return text(node);
    if (node === null || typeof node !== 'object') return node;
    if (depth > 64) return REDACTED; // nothing that deep is read, nor shown
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [text(key), walk(item, depth + 1)]));
  };
  return walk(value, 0) as T;
}

/** The string leaves of a JSON-like value (a settings value may nest what the backend quotes one by one). */
export function stringLeaves(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (value !== null && typeof value === 'object' && depth <= 64) for (const item of Object.values(value)) stringLeaves(item, out, depth + 1);
  return out;
}
