import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logging/logger';
import { useTempDirs } from '../../support/core/temp-dirs';
import { useCores } from '../../support/core/open-test-core';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO |WARN |ERROR) \S.*$/;

describe('the log', () => {
  const tempDir = useTempDirs();
  const open = useCores();

  it('a full disk: every refused write is one warning line, in the terminal and in the log file, without a stack trace', async () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const logger = createLogger({ file: { dir: join(dir, 'logs') }, echo: (text) => echoed.push(text) });
    const core = open(dir, { logger });
    // SQLite's own limit on the file's pages: the store is full for real, as on a full disk.
    const pages = core.services.db.pragma('page_count', { simple: true }) as number;
    core.services.db.pragma(`max_page_count = ${pages + 2}`);

    const refusals: string[] = [];
    for (let i = 0; i < 40 && refusals.length < 3; i++) {
      const result = await core.dispatcher.dispatch('tenants.create', { name: `PT Penuh ${i}`, backendUrl: `https://full.example/${'p'.repeat(1500)}` });
      if (!result.ok) refusals.push(result.error.message);
    }
    expect(refusals).toHaveLength(3);
    for (const message of refusals) expect(message).toBe('The local store cannot save right now: the disk is full.');

    expect(echoed).toHaveLength(3);
    for (const text of echoed) {
      expect(text).toMatch(/^warn: tenants\.create: SQLITE_FULL: database or disk is full\n$/);
      expect(text).not.toMatch(/\bat |stack|SqliteError/);
    }
    const fileLines = readFileSync(join(dir, 'logs', 'app.log'), 'utf8').trimEnd().split('\n');
    const full = fileLines.filter((line) => line.includes('SQLITE_FULL'));
    expect(full).toHaveLength(3);
    for (const line of fileLines) expect(line).toMatch(LINE);
    for (const line of full) expect(line).toMatch(/ WARN {2}tenants\.create: SQLITE_FULL: database or disk is full$/);
  });

  it('a bug is an error with its stack trace (on one line in the file, as lines in the terminal)', () => {
    const dir = tempDir();
    const echoed: string[] = [];
    const logger = createLogger({ file: { dir }, echo: (text) => echoed.push(text) });
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    logger.failure('tenants.get', bug);
    const [line, ...rest] = readFileSync(join(dir, 'app.log'), 'utf8').trimEnd().split('\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(/ ERROR tenants\.get: unexpected failure \(a bug\): TypeError: Cannot read properties of undefined \(reading 'id'\) \| stack: at .*operational-log\.test\.ts/);
    expect(echoed[0]).toMatch(/^error: tenants\.get: unexpected failure \(a bug\): TypeError[^\n]*\n {4}at .*operational-log\.test\.ts/);
  });

  it('network and keychain trouble are operational too; a fetch failure names its cause', () => {
    const dir = tempDir();
    const logger = createLogger({ file: { dir }, echo: null });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    logger.failure('sync.health', new TypeError('fetch failed', { cause: refused }));
    logger.failure('disk', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    const lines = readFileSync(join(dir, 'app.log'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/ WARN {2}sync\.health: fetch failed: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    expect(lines[1]).toMatch(/ WARN {2}disk: ENOSPC: ENOSPC: no space left on device, write$/);
  });

  it('keeps the files within their cap: the current file and two rotated ones, none over the size', () => {
    const dir = tempDir();
    const logger = createLogger({ file: { dir, maxBytes: 4096, keep: 2 }, echo: null });
    for (let i = 0; i < 500; i++) logger.info('test', `event ${i} ${'y'.repeat(60)}`);
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(4096);
    const recent = logger.recentLines(80);
    expect(recent).toHaveLength(80);
    expect(recent.at(-1)).toMatch(/event 499 /);
    expect(recent[0]).toMatch(/event 420 /);
  });

  it('never writes a credential, whatever a message carries', () => {
    const dir = tempDir();
    const logger = createLogger({ file: { dir }, echo: null });
    const m = 'MKSECRETMARK01';
    logger.warn('sync.publish', `backend answered 400: {"access_token":"${m}a","refresh_token": "${m}b","settings":{"password":"${m}c"}}`);
    logger.warn('sync.pull', `request had Authorization: Bearer ${m}d and apikey=${m}e`);
    logger.failure('sync.publish', new Error(`https://admin:${m}f@backend.example/ rejected client_secret=${m}g, token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${m}h`));
    const text = readFileSync(join(dir, 'app.log'), 'utf8');
    expect(text).not.toContain(m);
    expect(text).toContain('[redacted]');
    expect(existsSync(join(dir, 'app.log.1'))).toBe(false);
  });

  it('the core keeps its log in the data folder by default', async () => {
    const dir = tempDir();
    await open(dir, { onUnexpectedError: () => undefined }).close();
    const text = readFileSync(join(dir, 'logs', 'app.log'), 'utf8');
    expect(text).toMatch(/ INFO {2}store: opened .*store\.sqlite \(host, app 0\.0\.0-test\)\n.* INFO {2}store: closed\n$/);
  });
});
