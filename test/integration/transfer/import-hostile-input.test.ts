import { describe, expect, it } from 'vitest';
import { snapshot, useRpcCore } from '../../support/core/rpc-core';

const TENANT = { name: 'Toko Baru', backendUrl: null, tags: [], aiResponse: null, idleAction: null, referenceNames: { divisions: {}, agents: {} }, apiConnections: [] };
const HEADER = '{"format":"chatbot-settings-export","version":1,"exportedAt":"2026-01-15T09:00:00.000Z"';

function file(tenants: unknown[]): string {
  return `${HEADER},"tenants":${JSON.stringify(tenants)}}`;
}

/** Files an attacker (or a broken tool) could hand over: refused with a typed error, nothing changed. */
const CASES: Array<{ name: string; text: () => string; issue: RegExp; message: RegExp }> = [
  {
    name: 'a 400,000-deep object after a valid header',
    text: () => `${HEADER},"tenants":[],"x":${'{"a":'.repeat(400_000)}1${'}'.repeat(400_000)}}`,
    issue: /^json\.tooDeep \{"max":16\}$/,
    message: /too deeply nested/,
  },
  {
    name: 'a 400,000-deep array inside a tenant',
    text: () => file([{ ...TENANT, tags: 'PLACEHOLDER' }]).replace('"PLACEHOLDER"', `${'['.repeat(400_000)}${']'.repeat(400_000)}`),
    issue: /^json\.tooDeep/,
    message: /too deeply nested/,
  },
  { name: 'a __proto__ key in a tenant', text: () => file([TENANT]).replace('"name":', '"__proto__":{"name":"x"},"name":'), issue: /^key\.reserved \{"key":"__proto__"\}$/, message: /“__proto__” cannot be used/ },
  { name: 'a constructor id in the reference names', text: () => file([{ ...TENANT, referenceNames: { divisions: { constructor: 'Sales' }, agents: {} } }]), issue: /^key\.reserved \{"key":"constructor"\}$/, message: /constructor/ },
  { name: 'a tenant name with NUL', text: () => file([{ ...TENANT, name: 'Toko\u0000Baru' }]), issue: /^text\.control/, message: /control character U\+0000/ },
  { name: 'a tenant name with the right-to-left override', text: () => file([{ ...TENANT, name: 'Toko \u202EuraB' }]), issue: /^text\.bidi/, message: /U\+202E/ },
  { name: 'a tenant name that is only a zero-width space', text: () => file([{ ...TENANT, name: '\u200B' }]), issue: /^text\.invisible$/, message: /invisible/ },
  { name: 'a tag that is a lone surrogate', text: () => file([{ ...TENANT, tags: ['\uD800'] }]), issue: /^text\.surrogate/, message: /broken character/ },
  { name: 'a plain http backend on another host', text: () => file([{ ...TENANT, backendUrl: 'http://backend.example/api/open/v1' }]), issue: /^tenant\.backendUrl\.insecure$/, message: /Use https:\/\// },
];

describe('import refuses hostile files with a typed error and changes nothing', () => {
  const open = useRpcCore('import-hostile-');

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
});
