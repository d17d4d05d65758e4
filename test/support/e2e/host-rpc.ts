import { HOST_PATHS, type RpcChannel, type RpcInput, type RpcOutput } from '../../../shared/rpc/contract';
import type { RpcResult } from '../../../shared/rpc/rpc-error';
import type { HostControl } from './host-control';
import type { HostAddress } from './host-process';

/**
 * One RPC call from the test process to the running host, as the page makes it (same path, same
 * token), answered as it came: the raw body and the parsed result, failures included. `host` is
 * a `HostControl` or a `RunningHost`.
 */
export async function hostRpcRaw(host: HostAddress, channel: RpcChannel, input: unknown, timeoutMs = 15_000): Promise<{ body: string; result: RpcResult<unknown> }> {
  const response = await fetch(`${host.origin}${HOST_PATHS.rpc}${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await response.text();
  return { body, result: JSON.parse(body) as RpcResult<unknown> };
}

/**
 * A typed RPC call for setting up state a test is not about, and for reading what the store
 * holds. Throws with the host's error when the call fails.
 */
export async function hostRpc<C extends RpcChannel>(host: HostControl, channel: C, input: RpcInput<C>): Promise<RpcOutput<C>> {
  const { result } = await hostRpcRaw(host, channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as RpcOutput<C>;
}

/** Adds a tenant through the host (no backend) and returns its id. */
export async function createTenant(host: HostControl, name: string): Promise<string> {
  const tenant = await hostRpc(host, 'tenants.create', { name, backendUrl: null });
  return tenant.id;
}
