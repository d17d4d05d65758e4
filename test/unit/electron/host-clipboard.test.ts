import { mkdtempSync, rmSync, writeFileSync, chmodSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostClipboard } from '../../../electron/host/host-clipboard';

/**
 * The headless host's clipboard: refused with CLIPBOARD_UNAVAILABLE (saying where Copy works)
 * without a display or without xclip/xsel; with them, the value goes to the tool's standard input
 * (a stand-in `xclip` on PATH records what it reads), never on its command line.
 */
const dir = mkdtempSync(join(tmpdir(), 'host-clipboard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host clipboard', () => {
  it('without a display: CLIPBOARD_UNAVAILABLE, saying Copy works in the desktop app', async () => {
    await expect(createHostClipboard({ PATH: dir }).writeSecret('s3cret', 30_000)).rejects.toMatchObject({ code: 'CLIPBOARD_UNAVAILABLE', message: expect.stringContaining('desktop app') });
  });

  it('with a display but neither xclip nor xsel: CLIPBOARD_UNAVAILABLE naming them', async () => {
    await expect(createHostClipboard({ DISPLAY: ':99', PATH: dir }).writeSecret('s3cret', 30_000)).rejects.toMatchObject({ code: 'CLIPBOARD_UNAVAILABLE', message: expect.stringContaining('xclip') });
  });

  it('with xclip on PATH: the value goes through standard input, not the command line', async () => {
    const out = join(dir, 'got');
    const args = join(dir, 'args');
    const script = join(dir, 'xclip');
    writeFileSync(script, `#!/bin/sh\necho "$@" > '${args}'\ncat > '${out}'\n`);
    chmodSync(script, 0o755);
    await createHostClipboard({ DISPLAY: ':99', PATH: `${dir}:/usr/bin:/bin` }).writeSecret('s3cret-value', 60_000);
    for (let i = 0; i < 100 && !(existsSync(out) && readFileSync(out, 'utf8') === 's3cret-value'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readFileSync(out, 'utf8')).toBe('s3cret-value');
    expect(readFileSync(args, 'utf8')).not.toContain('s3cret');
  });

  it('with an xclip that cannot reach the display (exits at once, reading nothing): CLIPBOARD_UNAVAILABLE, never an uncaught broken pipe', async () => {
    const failing = mkdtempSync(join(dir, 'no-display-'));
    const script = join(failing, 'xclip');
    writeFileSync(script, '#!/bin/sh\necho "Error: Can\'t open display: :99" >&2\nexit 1\n');
    chmodSync(script, 0o755);
    const clipboard = createHostClipboard({ DISPLAY: ':99', PATH: `${failing}:/usr/bin:/bin` });
    await expect(clipboard.writeSecret('s3cret-value', 60_000)).rejects.toMatchObject({ code: 'CLIPBOARD_UNAVAILABLE', message: expect.stringContaining('could not reach the display') });
    // More than a pipe holds: the write itself meets the closed pipe.
    await expect(clipboard.writeSecret('x'.repeat(1024 * 1024), 60_000)).rejects.toMatchObject({ code: 'CLIPBOARD_UNAVAILABLE' });
  });
});
