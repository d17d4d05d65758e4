import Conf from 'conf';
import type { BenchTenant } from '../bench-data';
import { timeSync } from '../harness/stats';

/**
 * The same data in `conf` (the JSON store under electron-store), and the same edit: one field of
 * one tenant's AI Response. conf reads, rewrites and atomically replaces the whole file per set.
 */
export function measureConfAutosave(dir: string, tenants: BenchTenant[], samples: number): { timings: number[]; fileBytes: number } {
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'chatbot-settings-bench' });
  const store: Record<string, unknown> = {};
  for (const t of tenants) {
    store[t.id] = {
      name: t.name,
      backendUrl: t.backendUrl,
      catalog: t.catalog,
      documents: { ai_response: { draft: t.aiResponse, base: null, dirty: true }, idle_action: { draft: t.idleAction, base: null, dirty: true } },
    };
  }
  conf.set('tenants', store);
  const target = tenants[Math.floor(tenants.length / 2)]!;
  const key = `tenants.${target.id}.documents.ai_response.draft.handoverMessage`;
  const timings: number[] = [];
  for (let i = 0; i < samples + 3; i++) {
    const elapsed = timeSync(() => conf.set(key, `${target.aiResponse.handoverMessage} ${i}`));
    if (i >= 3) timings.push(elapsed); // first writes warm the page cache
  }
  return { timings, fileBytes: Buffer.byteLength(JSON.stringify(conf.store)) };
}
