import { describe, expect, it } from 'vitest';
import { snapshot, useRpcCore } from '../../support/core/rpc-core';

const TENANT = {
  name: 'Toko Baru',
  backendUrl: null,
  tags: [],
  aiResponse: null,
  idleAction: null,
  referenceNames: { divisions: {}, agents: {} },
  apiConnections: [],
};
const CONN = { name: 'Jurnal', description: 'Accounting', code: 'JURNAL API', baseUrl: 'https://api.jurnal.id', settingsKeys: null, headers: null, token: null };

function file(tenants: unknown[] = [TENANT], top: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: 'chatbot-settings-export', version: 1, exportedAt: '2026-01-15T09:00:00.000Z', tenants, ...top }, null, 2);
}

const FIFTY_MB = 50 * 1024 * 1024;

/** Each bad file: the code, the issue message (or part of it) and a part of the readable message. */
const CASES: Array<{ name: string; text: () => string; issue: RegExp; message: RegExp }> = [
  { name: '0 bytes', text: () => '', issue: /^transfer\.file\.empty$/, message: /empty \(0 bytes\)/ },
  { name: 'only whitespace', text: () => '  \n\t ', issue: /^transfer\.file\.empty$/, message: /empty/ },
  { name: 'over 50 MB (bounded before parsing)', text: () => `{"format":"chatbot-settings-export","pad":"${'x'.repeat(FIFTY_MB)}"}`, issue: /^transfer\.file\.tooLarge/, message: /50 MB/ },
  { name: 'truncated JSON', text: () => file().slice(0, 120), issue: /^transfer\.file\.notJson/, message: /not complete JSON.*ends too early/ },
  { name: 'malformed JSON', text: () => '{"format": chatbot}', issue: /^transfer\.file\.notJson/, message: /line 1, column 12/ },
  { name: 'not an export (a JSON array)', text: () => '[1,2,3]', issue: /^transfer\.file\.notExport$/, message: /not a chatbot settings export/ },
  { name: 'another format', text: () => file([TENANT], { format: 'something-else' }), issue: /^transfer\.file\.notExport$/, message: /format/ },
  { name: 'a newer version', text: () => file([TENANT], { version: 2 }), issue: /^transfer\.file\.newerVersion \{"version":2,"supported":1\}$/, message: /newer version of the app \(format version 2\)/ },
  { name: 'a version that is not a number', text: () => file([TENANT], { version: '1' }), issue: /^transfer\.file\.badVersion$/, message: /version is not valid/ },
  { name: 'an unknown top-level field', text: () => file([TENANT], { extra: true }), issue: /^transfer\.file\.unknownField \{"field":"extra"\}$/, message: /Unknown field “extra”/ },
  { name: 'an unknown tenant field', text: () => file([{ ...TENANT, colour: 'red' }]), issue: /unknownField \{"field":"tenants\[0\]\.colour"\}/, message: /tenants\[0\]\.colour/ },
  { name: 'a header value (secret)', text: () => file([{ ...TENANT, apiConnections: [{ ...CONN, headers: { apikey: 'xxxxxxxx' } }] }]), issue: /^transfer\.file\.secret/, message: /secret value at tenants\[0\]\.apiConnections\[0\]\.headers\.apikey/ },
  { name: 'settings values (secret)', text: () => file([{ ...TENANT, apiConnections: [{ ...CONN, settings: { owner_email: 'a@b.example' } }] }]), issue: /^transfer\.file\.secret/, message: /\.settings/ },
  { name: 'an access token (secret)', text: () => file([{ ...TENANT, apiConnections: [{ ...CONN, token: { token_type: 'bearer', access_token: 'abc', expires_in: 1, created_at: 1, accessTokenSet: true, refreshTokenSet: false } }] }]), issue: /^transfer\.file\.secret/, message: /access_token/ },
  { name: 'the same tenant twice (ignoring case)', text: () => file([TENANT, { ...TENANT, name: 'TOKO BARU' }]), issue: /^tenant\.name\.duplicate$/, message: /already exists/ },
  { name: 'a bad backend URL', text: () => file([{ ...TENANT, backendUrl: 'ftp://x.example' }]), issue: /^tenant\.backendUrl\.protocol$/, message: /http/ },
  { name: 'an invalid AI Response', text: () => file([{ ...TENANT, aiResponse: { threshold: 0, onThreshold: 'continue_with_bot', divisionId: null, agentId: null, handoverMessage: '' } }]), issue: /^aiResponse\.threshold\.range/, message: /Threshold/ },
  { name: 'a bad tag', text: () => file([{ ...TENANT, tags: ['a;b'] }]), issue: /^tag\.charset$/, message: /cannot contain/ },
];

describe('import refuses bad files with a clear message and changes nothing', () => {
  const open = useRpcCore('import-bad-');

  for (const c of CASES) {
    it(c.name, async () => {
      const { core, rpc } = open();
      await rpc.tenant('PT Ada');
      const before = snapshot(core.services.db);
      const text = c.text();
      for (const channel of ['transfer.previewImport', 'transfer.applyImport']) {
        const error = await rpc.error(channel, { text });
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.issues?.[0]?.message).toMatch(c.issue);
        expect(error.message).toMatch(/^The file cannot be imported; nothing was changed\./);
        expect(error.message).toMatch(c.message);
      }
      expect(snapshot(core.services.db)).toEqual(before);
    });
  }

  it('a file of exactly 50 MB is read (the bound is inclusive) and only then judged', async () => {
    const { rpc } = open();
    const head = file();
    const text = head + ' '.repeat(FIFTY_MB - Buffer.byteLength(head));
    expect(Buffer.byteLength(text)).toBe(FIFTY_MB);
    const preview = await rpc.ok<{ counts: unknown }>('transfer.previewImport', { text });
    expect(preview.counts).toEqual({ create: 1, update: 0, unchanged: 0 });
  });

  it("a file sent as its bytes is measured in them: one byte over 50 MB is refused; a malformed sequence counts as the byte it is", async () => {
    const { rpc } = open();
    const head = Buffer.from(file());
    const over = Buffer.alloc(FIFTY_MB + 1, 0x20);
    head.copy(over);
    expect(await rpc.error('transfer.previewImport', { text: new Uint8Array(over) })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ message: expect.stringMatching(/^transfer\.file\.tooLarge/) }] });
    // Exactly 50 MB of bytes, 1,000 of them not UTF-8: decoded, each becomes U+FFFD (3 bytes in
    // UTF-8), but the file is its bytes: read, and refused only as the JSON it is not.
    const malformed = Buffer.alloc(FIFTY_MB, 0x20);
    head.copy(malformed);
    malformed.fill(0xff, head.length, head.length + 1000);
    const error = await rpc.error('transfer.previewImport', { text: new Uint8Array(malformed) });
    expect(error.issues?.[0]?.message).toMatch(/^transfer\.file\.notJson/);
  });

  it('an unknown or expired preview id is NOT_FOUND; a bad input shape is INVALID_INPUT', async () => {
    const { rpc } = open();
    expect(await rpc.error('transfer.applyImport', { previewId: '3f1d7c2a-9b8e-4d6f-a5c4-b3a2918070f6' })).toMatchObject({ code: 'NOT_FOUND', message: /expired/ });
    expect(await rpc.error('transfer.applyImport', { text: 5 })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewImport', {})).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rpc.error('transfer.previewImport', { text: 'x', more: 1 })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
