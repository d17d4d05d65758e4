import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { aiResponseDraft, openRealCore, type RealCore } from '../../../support/renderer/real-core';
import { rpcPiniaPlugin } from '../../../../renderer/src/stores/rpc-plugin';
import { AUTOSAVE_DELAY_MS, useSettingsStore } from '../../../../renderer/src/stores/settings';
import { AI_RESPONSE_DEFAULT } from '../../../../shared/schemas/ai-response';

let real: RealCore;
let tenantId: string;

beforeEach(() => {
  real = openRealCore();
  tenantId = real.core.services.tenants.create({ name: 'Acme' }).id;
  const pinia = createPinia();
  pinia.use(rpcPiniaPlugin(real.client));
  createApp({}).use(pinia); // Pinia applies plugins once it is installed in an app
  setActivePinia(pinia);
});
afterEach(async () => {
  await real.close();
});

const draft = (threshold: number) => ({ ...AI_RESPONSE_DEFAULT, threshold });

describe('settings store autosave', () => {
  it('debounces a burst of edits into one save of the last value', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    for (const threshold of [11, 12, 13, 14]) store.edit(tenantId, 'ai_response', draft(threshold), draft(threshold));
    expect(store.statusOf(tenantId, 'ai_response')).toBe('saving');
    expect(real.saves.count).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS + 150));
    await store.flush(tenantId, 'ai_response');
    expect(real.saves.count).toBe(1);
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(14);
    expect(store.statusOf(tenantId, 'ai_response')).toBe('saved');
  });

  it('never has two saves of one document in flight, and the latest value wins', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    const flushes: Promise<void>[] = [];
    for (const threshold of [21, 22, 23, 24]) {
      store.edit(tenantId, 'ai_response', draft(threshold), draft(threshold));
      flushes.push(store.flush(tenantId, 'ai_response')); // each one fires at once, while the first is in flight
    }
    await Promise.all(flushes);
    expect(real.saves.maxInFlight).toBe(1);
    expect(real.saves.count).toBe(2); // 21 in flight; 22 and 23 overtaken while waiting; then 24
    expect(aiResponseDraft(real.core, tenantId).threshold).toBe(24);
  });

  it('does not save an invalid form, and cancels the valid save it overtook', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    store.edit(tenantId, 'ai_response', draft(30), draft(30));
    store.edit(tenantId, 'ai_response', { ...draft(0) }, null);
    expect(store.statusOf(tenantId, 'ai_response')).toBe('invalid');
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS + 100));
    expect(real.saves.count).toBe(0);
    expect(store.entry(tenantId, 'ai_response')?.values).toMatchObject({ threshold: 0 });
  });

  it('reports a failed save with its code and saves again on retry', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    real.core.services.tenants.delete(tenantId); // the core now refuses saves for it
    store.edit(tenantId, 'ai_response', draft(40), draft(40));
    await store.flush(tenantId, 'ai_response');
    expect(store.statusOf(tenantId, 'ai_response')).toBe('failed');
    expect(store.entry(tenantId, 'ai_response')?.saveError?.code).toBe('NOT_FOUND');

    await store.retry(tenantId, 'ai_response');
    expect(real.saves.count).toBe(2);
    expect(store.statusOf(tenantId, 'ai_response')).toBe('failed');
  });

  it('keeps in-memory values across hydrate calls (switching pages loses nothing)', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    store.edit(tenantId, 'ai_response', { ...draft(0) }, null);
    await store.hydrate(tenantId, 'ai_response');
    expect(store.entry(tenantId, 'ai_response')?.values).toMatchObject({ threshold: 0 });
  });

  it('takes another window’s change when the user is not editing, and keeps edits when they are', async () => {
    const store = useSettingsStore();
    await store.hydrate(tenantId, 'ai_response');
    await store.hydrate(tenantId, 'idle_action');
    real.core.services.documents.saveDraft({ tenantId, kind: 'ai_response', draft: draft(55) });
    store.edit(tenantId, 'idle_action', { action: 'resolve_conversation' }, null); // mid-edit, invalid
    real.core.services.documents.saveDraft({
      tenantId,
      kind: 'idle_action',
      draft: { action: 'none', idleHours: 1, idleMinutes: 0, assignTo: 'auto', divisionId: null, agentId: null, closingMessage: 'Bye' },
    });

    await store.refreshTenant(tenantId);
    expect(store.entry(tenantId, 'ai_response')?.values).toMatchObject({ threshold: 55 });
    expect(store.entry(tenantId, 'ai_response')?.resetCount).toBe(1);
    expect(store.entry(tenantId, 'idle_action')?.values).toEqual({ action: 'resolve_conversation' });
  });
});
