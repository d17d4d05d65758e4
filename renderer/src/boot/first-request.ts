import type { RendererApi } from '../../../shared/rpc/contract';
import type { PrimedCall } from '../api/primed-transport';
import { chooseTransport } from '../api/choose-transport';
import { requestFirstPage, requestWholeList } from '../app/first-screen';

/**
 * The first module the app evaluates (main.ts imports it before anything else), so its work starts
 * before Vue, the stores and the schemas are evaluated: it picks the transport and, when the app
 * opens on the tenant list, sends the request for the list's first rows at once, and the whole
 * list's once those rows have painted (or will not be: no rows, or a failed answer). The app takes
 * those answers when it starts (app/start-app.ts) and says when it painted. Small on purpose: no
 * zod, no Vue.
 */
let endSession = (): void => undefined;
const choice = chooseTransport(() => endSession());

/** The transport, or null without a launch token. */
export const transport: RendererApi | null = choice.kind === 'no-token' ? null : choice.transport;

/** The request for the list's first rows, sent first (null when the app opens elsewhere). */
export const firstPage: PrimedCall | null = transport ? requestFirstPage(transport, window.location.hash) : null;

let wholeListDue = (): void => undefined;
const firstRowsPainted = new Promise<void>((resolve) => (wholeListDue = resolve));
// No rows to paint first (none, or an error): the whole list is what the page waits for.
void firstPage?.result.then(
  (answer) => {
    const items = answer.ok ? (answer.value as { items?: unknown } | null)?.items : null;
    if (!Array.isArray(items) || items.length === 0) wholeListDue();
  },
  () => wholeListDue(),
);

/** The whole list's request, sent once the first rows have painted (null when the app opens elsewhere). */
export const wholeList: PrimedCall | null = transport ? requestWholeList(transport, window.location.hash, firstRowsPainted) : null;

/** Lets the whole list's request leave: the app calls it once its first screen has painted. */
export function sendWholeList(): void {
  wholeListDue();
}

/** Lets the app say what ends its session when the host refuses the launch token. */
export function onSessionEnd(end: () => void): void {
  endSession = end;
}
