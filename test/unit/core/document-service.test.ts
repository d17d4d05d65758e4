import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AI_RESPONSE_DEFAULT, type AiResponse } from '../../../shared/schemas/ai-response';
import { IDLE_ACTION_DEFAULT, type IdleAction } from '../../../shared/schemas/idle-action';
import { demoCatalog } from '../../support/core/demo-catalog';
import { REVISION_COALESCE_MS } from '../../../electron/core/documents/document-store';
import { useTempDirs } from '../../support/core/temp-dirs';
import { manualClock, useCores } from '../../support/core/open-test-core';
import { rpcErrorOf } from '../../support/core/rpc-error-of';

const ai = (patch: Partial<AiResponse> = {}): AiResponse => ({ ...AI_RESPONSE_DEFAULT, ...patch });
const idle = (patch: Partial<IdleAction> = {}): IdleAction => ({ ...IDLE_ACTION_DEFAULT, ...patch });

/** A document's revisions as stored, oldest first. */
function revisions(db: Database.Database, tenantId: string, kind: string) {
  const rows = db
    .prepare<[string, string], { source: string; draft_json: string; created_at: number; updated_at: number }>(
      `SELECT r.source, r.draft_json, r.created_at, r.updated_at FROM revisions r JOIN settings_documents d ON d.id = r.document_id
       WHERE d.tenant_id = ? AND d.kind = ? AND d.deleted = 0 ORDER BY r.id`,
    )
    .all(tenantId, kind);
  return rows.map((row) => ({ source: row.source, draft: JSON.parse(row.draft_json) as unknown, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString() }));
}

describe('settings documents', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  function setup() {
    const clock = manualClock();
    const core = open(tempDir(), { clock: clock.now });
    const tenant = core.services.tenants.create({ name: 'PT Dokumen' });
    core.services.catalog.replace(tenant.id, demoCatalog());
    return { core, clock, tenantId: tenant.id, ...core.services };
  }

  it('shows the shared defaults for a never-saved document', () => {
    const { documents, tenantId } = setup();
    expect(documents.get(tenantId, 'ai_response')).toEqual({
      tenantId,
      kind: 'ai_response',
      draft: AI_RESPONSE_DEFAULT,
      base: null,
      baseVersion: null,
      isDefault: true,
      dirty: false,
      updatedAt: null,
      revisionCount: 0,
      issues: [],
    });
    expect(documents.get(tenantId, 'idle_action').draft).toEqual(IDLE_ACTION_DEFAULT);
    // the view is a copy: changing it does not change the defaults
    (documents.get(tenantId, 'ai_response').draft as AiResponse).threshold = 99;
    expect(documents.get(tenantId, 'ai_response').draft).toEqual(AI_RESPONSE_DEFAULT);
  });

  it('saves a draft: dirty, timestamped, one revision, read back as saved', () => {
    const { documents, tenantId, clock } = setup();
    const draft = ai({ threshold: 3, onThreshold: 'specific_agent', agentId: 'agt-siti', handoverMessage: 'Mohon tunggu sebentar' });
    const view = documents.saveDraft({ tenantId, kind: 'ai_response', draft });
    expect(view).toMatchObject({ draft, isDefault: false, dirty: true, revisionCount: 1, updatedAt: new Date(clock.now()).toISOString(), issues: [] });
    expect(documents.get(tenantId, 'ai_response')).toEqual(view);
  });

  it('coalesces a burst of autosaves into one revision, and starts a new one after a pause', () => {
    const { documents, tenantId, clock, db } = setup();
    const text = 'Terima kasih sudah menghubungi kami';
    for (let i = 1; i <= text.length; i++) {
      documents.saveDraft({ tenantId, kind: 'idle_action', draft: idle({ action: 'resolve_conversation', idleMinutes: 30, closingMessage: text.slice(0, i) }) });
      clock.advance(150); // typing: far less than the coalescing window between keystrokes
    }
    let history = revisions(db, tenantId, 'idle_action');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: 'edit', draft: { closingMessage: text } });
    expect(Date.parse(history[0]!.updatedAt) - Date.parse(history[0]!.createdAt)).toBe(150 * (text.length - 1));

    clock.advance(REVISION_COALESCE_MS);
    documents.saveDraft({ tenantId, kind: 'idle_action', draft: idle({ action: 'resolve_conversation', idleMinutes: 45, closingMessage: text }) });
    history = revisions(db, tenantId, 'idle_action');
    expect(history.map((r) => r.source)).toEqual(['edit', 'edit']);
    expect(history[1]!.draft).toMatchObject({ idleMinutes: 45 });
    expect(documents.get(tenantId, 'idle_action').revisionCount).toBe(2);
  });

  it('treats saving the same draft again as no change (no revision, no event, same timestamp)', () => {
    const { core, documents, tenantId, clock } = setup();
    const draft = ai({ threshold: 7 });
    const first = documents.saveDraft({ tenantId, kind: 'ai_response', draft });
    const events: unknown[] = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    clock.advance(10_000);
    const again = documents.saveDraft({ tenantId, kind: 'ai_response', draft: { ...draft } });
    expect(again.updatedAt).toBe(first.updatedAt);
    expect(again.revisionCount).toBe(1);
    expect(events).toEqual([]);
  });

  it('discards a draft without a base back to the defaults (the row and its history go)', () => {
    const { core, documents, tenantId } = setup();
    documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ threshold: 4 }) });
    const events: unknown[] = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    const view = documents.discardDraft(tenantId, 'ai_response');
    expect(view).toMatchObject({ draft: AI_RESPONSE_DEFAULT, isDefault: true, dirty: false, revisionCount: 0 });
    expect(events).toEqual([['tenant.changed', { tenantId }]]);
    expect(documents.discardDraft(tenantId, 'ai_response').isDefault).toBe(true); // idempotent
    expect(events).toHaveLength(1);
  });

  it('discards a draft back to its base, recording a discard revision; a draft equal to the base is not dirty', () => {
    const { core, documents, tenantId, db } = setup();
    documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ threshold: 4 }) });
    // Simulate a pull (sync fills the base later): the backend has threshold 6, version "v6".
    const base = ai({ threshold: 6 });
    db.prepare("UPDATE settings_documents SET base_json = ?, base_version = 'v6' WHERE tenant_id = ? AND kind = 'ai_response'").run(
      JSON.stringify(base),
      tenantId,
    );
    expect(documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ threshold: 5 }) }).dirty).toBe(true);
    expect(documents.saveDraft({ tenantId, kind: 'ai_response', draft: base })).toMatchObject({ dirty: false, base, baseVersion: 'v6' });
    expect(core.services.tenants.get(tenantId).unpublishedCount).toBe(0);
    documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ threshold: 9 }) });

    const view = documents.discardDraft(tenantId, 'ai_response');
    expect(view).toMatchObject({ draft: base, base, isDefault: false, dirty: false });
    expect(revisions(db, tenantId, 'ai_response').map((r) => r.source)).toEqual(['edit', 'discard']);
  });

  it('refuses a reference the catalog does not have, and names one it has removed', () => {
    const { core, documents, tenantId } = setup();
    const unknown = rpcErrorOf(() =>
      documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ onThreshold: 'specific_agent', agentId: 'agt-nobody' }) }),
    );
    expect(unknown.issues).toEqual([{ path: ['draft', 'agentId'], message: 'ref.agent.unknown {"id":"agt-nobody"}' }]);
    expect(unknown.message).toBe('Invalid input: Agent agt-nobody is not in the catalog.');

    documents.saveDraft({ tenantId, kind: 'idle_action', draft: idle({ action: 'assign_conversation', idleHours: 2, assignTo: 'division', divisionId: 'div-billing', closingMessage: 'Dialihkan ke tim Billing' }) });
    // the backend no longer lists Billing
    const snapshot = demoCatalog();
    snapshot.divisions = snapshot.divisions.filter((d) => d.id !== 'div-billing');
    core.services.catalog.replace(tenantId, snapshot);

    // the saved draft now shows the issue by name ...
    expect(documents.get(tenantId, 'idle_action').issues).toEqual([{ path: ['divisionId'], message: 'ref.division.removed {"name":"Billing"}' }]);
    // ... and saving it again is refused with the name (the cached validator followed the catalog)
    const removed = rpcErrorOf(() =>
      documents.saveDraft({ tenantId, kind: 'idle_action', draft: idle({ action: 'assign_conversation', idleHours: 3, assignTo: 'division', divisionId: 'div-billing', closingMessage: 'x' }) }),
    );
    expect(removed.message).toBe('Invalid input: Division “Billing” is no longer in the catalog.');
    // a reference the current mode does not use is kept and not checked
    const unused = documents.saveDraft({ tenantId, kind: 'idle_action', draft: idle({ action: 'assign_conversation', idleHours: 3, assignTo: 'auto', divisionId: 'div-billing', closingMessage: 'x' }) });
    expect(unused.issues).toEqual([]);
  });

  it('reports a damaged stored draft clearly, and discarding it recovers', () => {
    const { documents, tenantId, db } = setup();
    documents.saveDraft({ tenantId, kind: 'ai_response', draft: ai({ threshold: 4 }) });
    for (const damaged of ['{not json', JSON.stringify({ threshold: 'many' })]) {
      db.prepare("UPDATE settings_documents SET draft_json = ? WHERE kind = 'ai_response'").run(damaged);
      const error = rpcErrorOf(() => documents.get(tenantId, 'ai_response'));
      expect(error.code).toBe('INTERNAL');
      expect(error.message).toBe(`The saved draft of AI Response for tenant ${tenantId} is damaged and cannot be read. Discard the draft to start again.`);
    }
    expect(documents.discardDraft(tenantId, 'ai_response').isDefault).toBe(true);
  });

  it('answers NOT_FOUND for a tenant that does not exist and INVALID_INPUT for an unknown kind', () => {
    const { documents, tenantId } = setup();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(rpcErrorOf(() => documents.get(missing, 'ai_response')).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => documents.saveDraft({ tenantId: missing, kind: 'ai_response', draft: ai() })).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => documents.discardDraft(missing, 'idle_action')).code).toBe('NOT_FOUND');
    expect(rpcErrorOf(() => documents.get(tenantId, 'deal_setting' as never)).issues).toEqual([{ path: ['kind'], message: 'document.kind.invalid' }]);
  });
});
