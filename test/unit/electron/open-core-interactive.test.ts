import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/open-core';
import { openCoreInteractively } from '../../../electron/main/open-core-interactive';
import { RECOVER_LABEL, storeOpenPrompt, type StoreOpenPrompt } from '../../../electron/main/store-open-prompt';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'open-interactive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function damageStore(): void {
  writeFileSync(join(dir, 'store.sqlite'), 'definitely not an SQLite file '.repeat(300));
}

function scriptedUi(choose: (prompt: StoreOpenPrompt) => string) {
  const asked: StoreOpenPrompt[] = [];
  const told: string[] = [];
  return {
    asked,
    told,
    ui: {
      ask: (prompt: StoreOpenPrompt) => {
        asked.push(prompt);
        return prompt.buttons.indexOf(choose(prompt));
      },
      tell: (message: string) => told.push(message),
    },
  };
}

const options = () => ({ dataDir: dir, appVersion: '1.0.0', transport: 'electron' as const, onUnexpectedError: () => undefined });

describe('opening the store from the Electron shell', () => {
  it('opens a healthy store without asking anything', async () => {
    const script = scriptedUi(() => 'Quit');
    const core = openCoreInteractively(options(), script.ui);
    expect(core).not.toBeNull();
    await core!.close();
    expect(script.asked).toEqual([]);
  });

  it('on a damaged store asks, and "Move the damaged file aside" recovers and opens, keeping the file', async () => {
    damageStore();
    const script = scriptedUi(() => RECOVER_LABEL);
    const core = openCoreInteractively(options(), script.ui);
    expect(core).not.toBeNull();
    expect(script.asked).toHaveLength(1);
    expect(script.asked[0]!.buttons).toEqual([RECOVER_LABEL, 'Quit']);
    expect(script.asked[0]!.detail.length).toBeGreaterThan(20);
    expect(script.told[0]).toMatch(/kept/);
    expect(await core!.dispatcher.dispatch('tenants.list', {})).toEqual({ ok: true, value: [] });
    await core!.close();
    expect(readdirSync(join(dir, 'damaged')).length).toBeGreaterThan(0);
  });

  it('"Quit" returns null and leaves the damaged file where it was', () => {
    damageStore();
    const script = scriptedUi(() => 'Quit');
    expect(openCoreInteractively(options(), script.ui)).toBeNull();
    expect(existsSync(join(dir, 'store.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'damaged'))).toBe(false);
  });

  it('a store held by another copy offers "Try again", not recovery', async () => {
    const holder = openCore(options());
    try {
      let tries = 0;
      const script = scriptedUi((prompt) => {
        tries++;
        if (tries === 2) void holder.close(); // the other copy quits meanwhile
        return prompt.buttons.includes('Try again') ? 'Try again' : 'Quit';
      });
      const core = openCoreInteractively(options(), script.ui);
      expect(script.asked.length).toBe(2);
      expect(script.asked[0]!.buttons).toEqual(['Try again', 'Quit']);
      expect(core).not.toBeNull();
      await core!.close();
    } finally {
      await holder.close();
    }
  });

  it('the prompt for every code ends with Quit as the cancel choice', () => {
    for (const code of ['STORE_LOCKED', 'STORE_CORRUPT', 'STORE_UNREADABLE', 'STORE_TOO_NEW'] as const) {
      const prompt = storeOpenPrompt({ code, message: 'm', recovery: 'r' });
      expect(prompt.buttons[prompt.cancelId]).toBe('Quit');
      expect(prompt.actions).toHaveLength(prompt.buttons.length);
    }
  });

  it('a missing or read-only folder, a newer store or a sound one offers "Try again", never to move the data aside', () => {
    for (const code of ['STORE_NOT_FOUND', 'STORE_NOT_WRITABLE', 'STORE_TOO_NEW', 'STORE_NOT_DAMAGED'] as const) {
      const prompt = storeOpenPrompt({ code, message: 'm', recovery: 'r' });
      expect(prompt.actions, code).toEqual(['retry', 'quit']);
      expect(prompt.buttons, code).not.toContain(RECOVER_LABEL);
    }
    expect(storeOpenPrompt({ code: 'STORE_NOT_WRITABLE', message: 'm', recovery: 'r' }).message).toBe('The app cannot write to its data folder.');
  });
});
