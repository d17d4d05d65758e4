import { describe, expect, it } from 'vitest';
import { useRpcCore } from '../../support/core/rpc-core';

const TENANT = { name: 'Toko Baru', backendUrl: null, tags: [], aiResponse: null, idleAction: null, referenceNames: { divisions: {}, agents: {} }, apiConnections: [] };
const HEADER = '"format":"chatbot-settings-export","version":1,"exportedAt":"2026-01-15T09:00:00.000Z"';
const DEEP = `${'['.repeat(40)}${']'.repeat(40)}`;

/**
 * A file with several problems is refused for the first in the reader's order: too deep (anywhere),
 * not an export, a newer version, a reserved key, a secret, then the schema — whatever the order
 * of the problems in the file.
 */
const CASES: Array<{ name: string; text: string; issue: RegExp; path?: unknown[] }> = [
  { name: 'too deep under an own __proto__ key, in a file that is no export', text: `{"__proto__":${DEEP},"format":"other"}`, issue: /^json\.tooDeep \{"max":16\}$/, path: ['text'] },
  { name: 'too deep after a reserved key and a secret', text: `{${HEADER},"tenants":[{"__proto__":1,"password":"x"}],"x":${DEEP}}`, issue: /^json\.tooDeep/ },
  { name: 'not an export before a reserved key', text: '{"format":"other","__proto__":{}}', issue: /^transfer\.file\.notExport$/ },
  { name: 'a newer version before a secret', text: `{"format":"chatbot-settings-export","version":9,"password":"x"}`, issue: /^transfer\.file\.newerVersion / },
  {
    name: 'a reserved key deeper in the file before a secret earlier in it',
    text: `{${HEADER},"password":"x","tenants":[${JSON.stringify({ ...TENANT, referenceNames: { divisions: { constructor: 'Sales' }, agents: {} } })}]}`,
    issue: /^key\.reserved \{"key":"constructor"\}$/,
    path: ['tenants', 0, 'referenceNames', 'divisions', 'constructor'],
  },
  {
    name: 'the first reserved key: an object’s own before its children’s',
    text: `{${HEADER},"tenants":[{"referenceNames":{"divisions":{"prototype":"x"}},"__proto__":null}]}`,
    issue: /^key\.reserved \{"key":"__proto__"\}$/,
    path: ['tenants', 0, '__proto__'],
  },
  {
    name: 'the first secret in document order: a key of a child before a later key of its parent',
    text: `{${HEADER},"tenants":[{"apiConnections":[{"headers":{"X-Key":"abc"}}],"settings":{}}]}`,
    issue: /^transfer\.file\.secret /,
    path: ['tenants', 0, 'apiConnections', 0, 'headers', 'X-Key'],
  },
  { name: 'a catalog id that names a secret', text: `{${HEADER},"tenants":[${JSON.stringify({ ...TENANT, referenceNames: { divisions: { Secret: 'Sales' }, agents: {} } })}]}`, issue: /^transfer\.file\.secret / },
];

describe('import: which of several problems a file is refused for', () => {
  const open = useRpcCore('import-order-');

  for (const c of CASES) {
    it(c.name, async () => {
      const { rpc } = open();
      const error = await rpc.error('transfer.previewImport', { text: c.text });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.issues?.[0]?.message).toMatch(c.issue);
      if (c.path) expect(error.issues?.[0]?.path).toEqual(c.path);
    });
  }
});
