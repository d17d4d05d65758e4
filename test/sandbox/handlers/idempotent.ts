import { requestFingerprint } from '../store/idempotency-store';
import type { Answer } from '../http/respond';
import { WireHttpError } from '../http/wire-http-error';
import { WIRE_HEADERS } from '../../../shared/wire/http';
import type { AuthedContext } from './context';

/**
 * Runs a creation once per Idempotency-Key: a repeat with the same body answers the stored first
 * answer (marked Idempotent-Replayed), another body with the same key is refused (422). The
 * answer is stored in the same transaction as the creation, so a crash cannot split them; only
 * successes are stored, so a request that failed validation can be corrected and retried.
 */
export function idempotent(ctx: AuthedContext, create: () => Answer): Answer {
  const key = ctx.idempotencyKey;
  if (!key) throw new WireHttpError('idempotency_key_required', `${WIRE_HEADERS.idempotencyKey} is required to create.`);
  const fingerprint = requestFingerprint(ctx.body);
  const stored = ctx.stores.idempotency.find(ctx.tenant.id, ctx.key, key);
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      throw new WireHttpError('idempotency_key_reused', `This ${WIRE_HEADERS.idempotencyKey} was used before with another body.`);
    }
    return { status: stored.status, headers: { ...stored.headers, [WIRE_HEADERS.idempotentReplayed]: 'true' }, body: stored.body };
  }
  const answer = create();
  if (answer.status >= 200 && answer.status < 300) {
    ctx.stores.idempotency.save(ctx.tenant.id, ctx.key, key, fingerprint, { status: answer.status, headers: answer.headers, body: answer.body ?? '' });
  }
  return answer;
}
