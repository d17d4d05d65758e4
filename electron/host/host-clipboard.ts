import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { clipboardUnavailable, type Clipboard } from '../core/change-sheet/clipboard';

/**
 * The headless host's clipboard: the X clipboard through `xclip` (or `xsel`) when the host runs
 * under an X display and one of them is on PATH; otherwise Copy is refused (CLIPBOARD_UNAVAILABLE)
 * with a message saying it works in the desktop app. The value goes to the tool's standard input,
 * never on a command line.
 */
type Tool = { write: [string, string[]]; read: [string, string[]] };

const TOOLS: Record<string, Tool> = {
  xclip: { write: ['xclip', ['-selection', 'clipboard', '-in']], read: ['xclip', ['-selection', 'clipboard', '-out']] },
  xsel: { write: ['xsel', ['--clipboard', '--input']], read: ['xsel', ['--clipboard', '--output']] },
};

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Runs the tool: with `input`, writes it to the tool's standard input and settles when the tool
 * exits (xclip and xsel read it, then leave a copy of themselves in the background to serve the
 * selection, and exit 0; without a display they exit at once, unread, with an error); without,
 * answers what it prints.
 */
function run(command: string, args: string[], input: string | null, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [input === null ? 'ignore' : 'pipe', input === null ? 'pipe' : 'ignore', 'ignore'], detached: input !== null });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    const settle = (code: number | null): void => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}`)));
    if (input !== null) {
      child.on('exit', settle);
      // A tool that exits without reading breaks the pipe: its failure, which its exit reports too.
      child.stdin!.on('error', reject);
      child.stdin!.end(input);
      child.unref();
    } else {
      // 'close', not 'exit': everything the tool printed has been read by then.
      child.on('close', settle);
    }
  });
}

export function createHostClipboard(env: NodeJS.ProcessEnv = process.env): Clipboard {
  return {
    async writeSecret(text, clearAfterMs) {
      if (!env.DISPLAY) throw clipboardUnavailable('the host runs without a desktop display');
      const tool = Object.keys(TOOLS).find((name) => onPath(name, env));
      if (!tool) throw clipboardUnavailable('neither xclip nor xsel is installed');
      const { write, read } = TOOLS[tool]!;
      try {
        await run(write[0], write[1], text, env);
      } catch {
        throw clipboardUnavailable(`${tool} could not reach the display`);
      }
      const timer = setTimeout(() => {
        void run(read[0], read[1], null, env)
          .then((current) => (current === text ? run(write[0], write[1], '', env) : undefined))
          .catch(() => undefined);
      }, clearAfterMs);
      timer.unref();
    },
  };
}
