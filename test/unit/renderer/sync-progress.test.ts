import { describe, expect, it } from 'vitest';
import { secondsLeft, settledCount, type RunView } from '../../../renderer/src/stores/sync';
import { formatAge } from '../../../renderer/src/components/sync/relative-time';
import type { PublishProgress } from '../../../shared/schemas/sync';

const counts = (values: Partial<PublishProgress['counts']>): PublishProgress['counts'] => ({
  pending: 0,
  sending: 0,
  done: 0,
  conflict: 0,
  failed: 0,
  cancelled: 0,
  ...values,
});

function run(progress: Partial<PublishProgress>, startedAt: number, updatedAt: number): RunView {
  return {
    runId: '00000000-0000-4000-8000-000000000001',
    tenantIds: [],
    progress: { runId: '00000000-0000-4000-8000-000000000001', state: 'running', total: 10, counts: counts({ pending: 10 }), ...progress },
    startedAt,
    updatedAt,
    results: null,
  };
}

describe('publish progress', () => {
  it('counts every end state as settled, and none of the open ones', () => {
    expect(settledCount(run({ counts: counts({ pending: 3, sending: 1, done: 2, failed: 1, conflict: 2, cancelled: 1 }) }, 0, 0).progress)).toBe(6);
  });

  it('estimates the time left from the pace so far, and has none before the first or after the end', () => {
    // 4 of 10 in 8 s: 2 s each, 6 left → 12 s.
    expect(secondsLeft(run({ counts: counts({ pending: 6, done: 4 }) }, 1_000, 9_000))).toBe(12);
    expect(secondsLeft(run({ counts: counts({ pending: 10 }) }, 1_000, 9_000))).toBeNull();
    expect(secondsLeft(run({ state: 'finished', counts: counts({ done: 10 }) }, 1_000, 9_000))).toBeNull();
    // Never "0 s" while something is still to do.
    expect(secondsLeft(run({ counts: counts({ pending: 1, done: 9 }) }, 1_000, 1_001))).toBe(1);
  });
});

describe('catalog and sync ages', () => {
  const now = Date.parse('2025-05-05T12:00:00Z');
  it('says just now under a minute, then minutes, hours and days in the language asked', () => {
    expect(formatAge(null, now, 'en', 'just now')).toBeNull();
    expect(formatAge('2025-05-05T11:59:30Z', now, 'en', 'just now')).toBe('just now');
    expect(formatAge('2025-05-05T11:55:00Z', now, 'en', 'just now')).toBe('5 minutes ago');
    expect(formatAge('2025-05-05T09:00:00Z', now, 'en', 'just now')).toBe('3 hours ago');
    expect(formatAge('2025-05-03T12:00:00Z', now, 'en', 'just now')).toBe('2 days ago');
    expect(formatAge('2025-05-05T11:55:00Z', now, 'id', 'baru saja')).toBe('5 menit yang lalu');
    // A clock a little behind the core's is not "in the future".
    expect(formatAge('2025-05-05T12:00:05Z', now, 'en', 'just now')).toBe('just now');
  });
});
