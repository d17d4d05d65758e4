import type { Core } from '../../../electron/core/open-core';
import { rpcContract, type RpcChannel } from '../../../shared/rpc/contract';
import type { AiResponse } from '../../../shared/schemas/ai-response';
import type { PublishRun } from '../../../shared/schemas/sync';
import { formatEtag } from '../../../shared/wire/http';
import type { SandboxFixture } from '../../support/sandbox/sandbox-fixture';
import type { Account } from './publish-world';
import { waitUntil } from './sync-fixture';

/**
 * Helpers of the bulk publish tests: calls through the dispatcher (as the renderer makes them,
 * answers checked against the contract), a remote edit made "in the web settings", and waiting
 * for a run to end.
 */
export async function rpc<T = unknown>(core: Core, channel: RpcChannel, input: unknown): Promise<T> {
  const result = await core.dispatcher.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  rpcContract[channel].output.parse(result.value);
  return result.value as T;
}

/** Someone changes the AI response on the backend (If-Match of what is there now). */
export async function remoteAiEdit(sandbox: SandboxFixture, account: Account, change: Partial<AiResponse>): Promise<void> {
  const web = await sandbox.signedIn(account);
  const current = await web.call<{ data: { value: AiResponse; version: string } }>('GET', '/chatbot/settings/ai-response');
  const put = await web.call('PUT', '/chatbot/settings/ai-response', {
    headers: { 'If-Match': formatEtag(current.body.data.version) },
    body: { ...current.body.data.value, ...change },
  });
  if (put.status !== 200) throw new Error(`remote edit failed: ${put.status} ${put.text}`);
}

/** Polls 'sync.run' until the run is no longer running. */
export async function runEnded(core: Core, runId: string, timeoutMs: number): Promise<PublishRun> {
  let run: PublishRun | null = null;
  await waitUntil(
    async () => {
      run = await rpc<PublishRun>(core, 'sync.run', { runId });
      return run.state !== 'running';
    },
    timeoutMs,
    `run ${runId} to end`,
  );
  return run!;
}

/** The tenants with an entry that did not reach the backend. */
export function failedTenants(run: PublishRun): string[] {
  return [...new Set(run.results.filter((r) => r.state !== 'done').map((r) => r.tenantId))];
}
