import { createHash } from 'node:crypto';
import type { SandboxDb } from './database';

/** A stored first answer to a creation. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** JSON with object keys sorted, so that the same body in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Idempotency keys, per tenant and route, kept for good: a retry is recognised however late. */
export class IdempotencyStore {
  constructor(private readonly db: SandboxDb) {}

  find(tenantId: string, route: string, key: string): (StoredAnswer & { fingerprint: string }) | null {
    const row = this.db
      .prepare(`SELECT fingerprint, status, headers_json, body FROM idempotency WHERE tenant_id = ? AND route = ? AND key = ?`)
      .get(tenantId, route, key) as { fingerprint: string; status: number; headers_json: string; body: string } | undefined;
    return row ? { fingerprint: row.fingerprint, status: row.status, headers: JSON.parse(row.headers_json) as Record<string, string>, body: row.body } : null;
  }

  save(tenantId: string, route: string, key: string, fingerprint: string, answer: StoredAnswer): void {
    this.db
      .prepare(`INSERT INTO idempotency (tenant_id, route, key, fingerprint, status, headers_json, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(tenantId, route, key, fingerprint, answer.status, JSON.stringify(answer.headers), answer.body, new Date().toISOString());
  }

  count(tenantId: string): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM idempotency WHERE tenant_id = ?`).get(tenantId) as { n: number }).n;
  }
}
