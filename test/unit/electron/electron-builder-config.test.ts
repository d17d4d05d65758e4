import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check (packaging itself needs Electron's runtime).
const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation and packs the built app with native modules unpacked', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.productName).toBe('Chatbot Settings Desktop');
    expect(config.appId).toMatch(/^[a-z0-9.]+$/);
    expect(JSON.stringify(config.files)).toContain('out/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']));
    expect(config.npmRebuild).toBe(true);
    for (const platform of ['linux', 'mac', 'win']) expect(config[platform], platform).toHaveProperty('target');
  });

  it('the validation can fail (a wrong key is refused)', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration({ ...config, linux: { notAnOption: true } }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });
});
