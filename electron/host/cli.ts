import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, recoverStore, StoreOpenError, type Core } from '../core/open-core';
import { createHostClipboard } from './host-clipboard';
import { CliUsageError, HOST_USAGE, parseHostArgs } from './cli-args';
import { defaultDataDir } from './default-data-dir';
import { startHostServer, type HostServer } from './server';

// `npm run host -- --data-dir DIR --port N`: the core and the built renderer on 127.0.0.1.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The exit codes the README documents. */
const EXIT_FAILED = 1; // could not listen, or an unexpected failure
const EXIT_STORE = 2; // the store cannot be opened, or --recover cannot act: the message says why
const EXIT_USAGE = 64; // bad arguments

async function main(argv: readonly string[]): Promise<void> {
  let args;
  try {
    args = parseHostArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`host: ${error.message}\n\n${HOST_USAGE}`);
    process.exit(EXIT_USAGE);
  }
  if (args.help) {
    process.stdout.write(HOST_USAGE);
    return;
  }

  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const rendererDir = resolve(args.rendererDir ?? join(repoRoot, 'out', 'renderer'));

  let core: Core;
  try {
    if (args.recover) {
      try {
        const { movedAside, restoredFrom } = recoverStore(dataDir);
        process.stderr.write(describeRecovery(movedAside, restoredFrom));
      } catch (error) {
        if (!(error instanceof StoreOpenError)) throw error;
        process.stderr.write(`host: --recover cannot act: ${error.message}\n${error.recovery}\n`);
        process.exit(EXIT_STORE);
      }
    }
    core = openCore({ dataDir, appVersion: appVersion(), transport: 'host', clipboard: createHostClipboard() });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(describeStoreError(error, dataDir));
    process.exit(EXIT_STORE);
  }

  let server: HostServer;
  try {
    server = await startHostServer({ core, rendererDir, port: args.port });
  } catch (error) {
    await core.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${args.port} is already in use` : String(error);
    process.stderr.write(`host: cannot listen on 127.0.0.1: ${reason}.\n`);
    process.exit(EXIT_FAILED);
  }

  stopOnSignals(server, core);
  // The one line tools and people wait for; the token travels in the fragment, never over HTTP.
  process.stdout.write(`host: ${server.launchUrl}\n`);
  process.stderr.write(`host: data in ${dataDir}; press Ctrl+C to stop.\n`);
}

function stopOnSignals(server: HostServer, core: Core): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1); // a second Ctrl+C: do not wait any longer
    stopping = true;
    void server
      .close()
      .catch(() => undefined)
      .then(() => core.close())
      .finally(() => {
        process.stderr.write('host: stopped.\n');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function describeStoreError(error: StoreOpenError, dataDir: string): string {
  const what =
    error.code === 'STORE_LOCKED'
      ? `The data directory ${dataDir} is already in use by another instance of the app (desktop or host).`
      : error.message;
  // Only damage is what --recover repairs; a missing or read-only folder, a newer store or a busy one is not.
  const hint =
    error.code === 'STORE_CORRUPT' || error.code === 'STORE_UNREADABLE'
      ? 'Run the host again with --recover to move the damaged file aside (it is kept) and start from the newest backup.\n'
      : '';
  return `host: ${what}\n${error.recovery}\n${hint}`;
}

function describeRecovery(movedAside: string[], restoredFrom: string | null): string {
  const moved = movedAside.length > 0 ? `moved aside (kept): ${movedAside.join(', ')}` : 'nothing to move aside';
  const restored = restoredFrom ? `; restored from ${restoredFrom}` : '; starting with an empty store';
  return `host: recovery: ${moved}${restored}.\n`;
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`host: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT_FAILED);
});
