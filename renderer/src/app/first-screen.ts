import type { PrimedCall } from '../api/primed-transport';
import type { RendererApi } from '../../../shared/rpc/contract';
import { firstPageInput, storedTenantSort } from '../lib/tenant-first-page';

/** The tenant list's call as its page first makes it: no search, no filter. */
export const FIRST_LIST_CALL = { channel: 'tenants.list', input: {} } as const;

/** The hash router's address of the tenant list (the first screen). */
export function isTenantListAddress(hash: string): boolean {
  return hash === '' || hash === '#' || hash === '#/';
}

/**
 * Sends the whole list's request, at once or, given `sendAfter`, once that settles: when the app
 * opens on the tenant list, its thousands of tenants travel while the code is compiled and run, or
 * after the first rows' paint, so that neither the host's work on them nor their arrival competes
 * with that paint.
 */
export function requestWholeList(transport: RendererApi, hash: string, sendAfter?: Promise<unknown>): PrimedCall | null {
  if (!isTenantListAddress(hash)) return null;
  const send = () => transport.invoke(FIRST_LIST_CALL.channel, FIRST_LIST_CALL.input);
  const result = sendAfter ? sendAfter.then(send, send) : send();
  // Rejections are seen by whoever takes the answer; never an unhandled one in between.
  result.catch(() => undefined);
  return { ...FIRST_LIST_CALL, result };
}

/**
 * Sends the request for the list's first screen (its first rows, sorted as the list shows them),
 * ahead of the whole list's: those rows paint without waiting for thousands of tenants.
 */
export function requestFirstPage(transport: RendererApi, hash: string): PrimedCall | null {
  if (!isTenantListAddress(hash)) return null;
  const input = firstPageInput(FIRST_LIST_CALL.input, storedTenantSort());
  const result = transport.invoke('tenants.listPage', input);
  result.catch(() => undefined);
  return { channel: 'tenants.listPage', input, result };
}
