import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { RPC_CHANNELS, rpcContract, rpcEvents, type RpcChannel } from '../../../shared/rpc/contract';
import { RpcError } from '../../../shared/rpc/rpc-error';
import type { Tenant } from '../../../shared/schemas/tenant';
import type { RpcHandlers } from '../../../electron/core/rpc/handlers';
import { createRouter } from '../../../electron/core/rpc/router';
import { toRpcError } from '../../../electron/core/rpc/to-rpc-error';
import { demoCatalog } from '../../support/core/demo-catalog';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';
import { callError, callOk } from '../../support/core/rpc-call';

describe('the RPC router', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('implements every channel of the contract, each output matching the contract', async () => {
    const dir = tempDir();
    const core = open(dir, { appVersion: '1.2.3', transport: 'electron' });
    const events: Array<[string, unknown]> = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    const seen = new Set<RpcChannel>();
    async function call<C extends RpcChannel>(channel: C, input: unknown) {
      const value = await callOk(core, channel, input);
      expect(rpcContract[channel].output.parse(value)).toEqual(value);
      seen.add(channel);
      return value as never;
    }

    expect(await call('app.info', {})).toEqual({ version: '1.2.3', dataDir: dir, transport: 'electron' });
    const tenant: Tenant = await call('tenants.create', { name: 'PT Kontrak', backendUrl: 'https://api.kontrak.example/v1' });
    core.services.catalog.replace(tenant.id, demoCatalog());
    expect(await call('tenants.list', { query: 'kontrak' })).toHaveLength(1);
    expect(await call('tenants.list', {})).toHaveLength(1);
    expect((await call('tenants.get', { id: tenant.id }) as Tenant).name).toBe('PT Kontrak');
    expect((await call('tenants.update', { id: tenant.id, name: 'PT Kontrak Baru' }) as Tenant).name).toBe('PT Kontrak Baru');
    expect(await call('catalog.get', { tenantId: tenant.id })).toMatchObject({ divisions: expect.any(Array), agents: expect.any(Array) });
    expect(await call('settings.get', { tenantId: tenant.id, kind: 'idle_action' })).toMatchObject({ isDefault: true });
    const draft = { action: 'assign_conversation', idleHours: 0, idleMinutes: 20, assignTo: 'agent', divisionId: null, agentId: 'agt-dewi', closingMessage: 'Kami alihkan ke agen' };
    expect(await call('settings.saveDraft', { tenantId: tenant.id, kind: 'idle_action', draft })).toMatchObject({ draft, dirty: true });
    expect(((await call('tenants.get', { id: tenant.id })) as Tenant).unpublishedCount).toBe(1);
    expect(await call('settings.discardDraft', { tenantId: tenant.id, kind: 'idle_action' })).toMatchObject({ isDefault: true });
    expect(await call('tenants.delete', { id: tenant.id })).toEqual({ id: tenant.id });
    expect(await call('diagnostics.export', {})).toMatchObject({ fileName: expect.stringMatching(/^chatbot-settings-diagnostics-.*\.json$/) });
    expect(await call('app.settings.get', {})).toEqual({ caFile: null });
    expect(await call('app.settings.set', { caFile: '' })).toEqual({ caFile: null });

    // API Integration, the vault and sync have their own files, through dispatch with the same output check (rpc/api-connections*.test.ts, sync/*.test.ts).
    // The change sheet: sync/qontak-sync.test.ts.
    const coveredElsewhere = (c: string) => c.startsWith('apiConnections.') || c === 'vault.status' || c.startsWith('sync.') || c.startsWith('changeSheet.') || isTenantsAtScale(c) || isCrm(c);
    expect([...seen].sort()).toEqual(RPC_CHANNELS.filter((c) => !coveredElsewhere(c)).sort());
    // every write told the transports, with a payload of the contract's event schema
    expect(events.length).toBe(6); // create, catalog replace, update, save, discard, delete
    for (const [name, payload] of events) {
      expect(name).toBe('tenant.changed');
      expect(rpcEvents['tenant.changed'].parse(payload)).toEqual({ tenantId: tenant.id });
    }
  });

  it('hands handlers the parsed input (trimmed names are stored trimmed)', async () => {
    const core = open(tempDir());
    const created = await callOk<Tenant>(core, 'tenants.create', { name: '  Spasi  ' });
    expect(created.name).toBe('Spasi');
  });

  it('turns a handler bug into INTERNAL with a safe message, tells onUnexpectedError, and never throws', async () => {
    const onUnexpectedError = vi.fn();
    const handlers = {
      'app.info': () => {
        throw new Error('secret token abc123 leaked in a stack');
      },
    } as unknown as RpcHandlers;
    const router = createRouter(handlers, { onUnexpectedError });
    const result = await router.dispatch('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong while handling app.info.' } });
    expect(onUnexpectedError).toHaveBeenCalledTimes(1);
    // input errors are the caller's, not unexpected
    await router.dispatch('app.info', { x: 1 });
    await router.dispatch('nope', {});
    expect(onUnexpectedError).toHaveBeenCalledTimes(1);
  });

  it('passes RpcError through as it is', async () => {
    const handlers = {
      'app.info': () => {
        throw new RpcError('CONFLICT', 'Someone else changed it.');
      },
    } as unknown as RpcHandlers;
    const result = await createRouter(handlers).dispatch('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Someone else changed it.' } });
  });

  it('maps real SQLite failures: a bug → INTERNAL, busy → STORE_UNAVAILABLE, a damaged page → STORE_UNAVAILABLE', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'x.sqlite'));
    let bug: unknown;
    try {
      db.exec('SELECT * FROM no_such_table');
    } catch (error) {
      bug = error;
    }
    expect(toRpcError(bug, 'tenants.list').toBody()).toEqual({ code: 'INTERNAL', message: 'The local store failed while handling tenants.list (SQLITE_ERROR).' });

    // busy: another connection holds an exclusive lock
    db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1)');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    const other = new Database(join(dir, 'x.sqlite'), { timeout: 10 });
    let busy: unknown;
    try {
      other.prepare('SELECT * FROM t').all();
    } catch (error) {
      busy = error;
    }
    expect(toRpcError(busy, 'x').code).toBe('STORE_UNAVAILABLE');
    other.close();
    db.exec('COMMIT');

    // damaged: garbage over a table's pages, then read it
    for (let i = 0; i < 500; i++) db.prepare('INSERT INTO t VALUES (?)').run('row '.repeat(50) + i);
    db.close();
    const fd = openSync(join(dir, 'x.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096);
    closeSync(fd);
    const reader = new Database(join(dir, 'x.sqlite'));
    let corrupt: unknown;
    try {
      reader.prepare('SELECT COUNT(*), MAX(x) FROM t').get();
    } catch (error) {
      corrupt = error;
    }
    reader.close();
    expect(corrupt).toBeDefined();
    expect(toRpcError(corrupt, 'x').toBody()).toEqual({ code: 'STORE_UNAVAILABLE', message: 'The local store is damaged. Restart the app to check and recover it.' });
  });

  it('answers INTERNAL (not a crash) when a stored draft column is damaged', async () => {
    const core = open(tempDir());
    const tenant = await callOk<Tenant>(core, 'tenants.create', { name: 'PT Rusak' });
    await callOk(core, 'settings.saveDraft', { tenantId: tenant.id, kind: 'ai_response', draft: { threshold: 3, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } });
    core.services.db.prepare("UPDATE settings_documents SET draft_json = '[1,2' WHERE tenant_id = ?").run(tenant.id);
    const error = await callError(core, 'settings.get', { tenantId: tenant.id, kind: 'ai_response' });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('is damaged and cannot be read');
    expect((await callOk<{ isDefault: boolean }>(core, 'settings.discardDraft', { tenantId: tenant.id, kind: 'ai_response' })).isDefault).toBe(true);
  });
});

/** The channels of tags, the tenant list, apply, transfer and history have their own files, through dispatch with the same output check (test/integration/{tags,tenants,apply,transfer,history}/). */
function isTenantsAtScale(channel: string): boolean {
  return channel === 'tenants.search' || channel === 'tenants.listPage' || ['tags.', 'apply.', 'transfer.', 'history.'].some((prefix) => channel.startsWith(prefix));
}

/** CRM Integration has its own files, through dispatch with the same output check (rpc/deal-settings*.test.ts). */
function isCrm(channel: string): boolean {
  return channel.startsWith('crm.') || channel.startsWith('dealSettings.'); // crm.addLocalBotResponse: sync/qontak-sync.test.ts
}
