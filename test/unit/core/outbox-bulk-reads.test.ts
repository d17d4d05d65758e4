import { describe, expect, it } from 'vitest';
import { AI_RESPONSE_DEFAULT } from '../../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT } from '../../../shared/schemas/idle-action';
import { Outbox, type NewOutboxEntry } from '../../../electron/core/sync/publish/outbox';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { useTempDirs } from '../../support/core/temp-dirs';

/** The outbox's read for a whole publish at once: what sendingRuns answers, for every document being sent. */
describe('outbox bulk reads', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('lists the runs sending each document as sendingRuns does; documents not being sent are absent', () => {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now });
    const { db, tenants, documents } = core.services;
    const ids: string[] = [];
    for (const name of ['PT A', 'PT B']) {
      const tenantId = tenants.create({ name }).id;
      documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...AI_RESPONSE_DEFAULT, threshold: 4 } });
      documents.saveDraft({ tenantId, kind: 'idle_action', draft: { ...IDLE_ACTION_DEFAULT } });
    }
    const rows = db.prepare('SELECT id, tenant_id FROM settings_documents ORDER BY tenant_id, kind').all() as Array<{ id: string; tenant_id: string }>;
    ids.push(...rows.map((row) => row.id));
    expect(ids).toHaveLength(4);
    const outbox = new Outbox({ db, clock: clock.now });
    const entry = (row: { id: string; tenant_id: string }, key: string): NewOutboxEntry => ({
      tenantId: row.tenant_id,
      documentId: row.id,
      kind: 'ai_response',
      op: 'update',
      remoteId: null,
      bodyJson: '{}',
      ifMatch: null,
      idempotencyKey: key,
    });
    expect(outbox.sendingRunsByDocument().size).toBe(0);
    outbox.createRun('run-1', rows.map((row, i) => entry(row, `k1-${i}`)));
    const open1 = outbox.openEntries('run-1');
    // two of the four are being sent
    expect(outbox.markSending(open1[0]!)).toBe(true);
    expect(outbox.markSending(open1[2]!)).toBe(true);
    const bulk = outbox.sendingRunsByDocument();
    expect([...bulk.keys()].sort()).toEqual([open1[0]!.document_id, open1[2]!.document_id].sort());
    for (const id of ids) expect(bulk.get(id) ?? []).toEqual(outbox.sendingRuns(id));
    expect(bulk.get(open1[0]!.document_id)).toEqual(['run-1']);
  });
});
