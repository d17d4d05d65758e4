import type { RendererApi } from '../../../shared/rpc/contract';
import type { PrimedCall } from '../api/primed-transport';
import { chooseTransport } from '../api/choose-transport';
import { requestFirstPage, requestFirstScreen } from '../app/first-screen';

/**
 * The first module the app evaluates (main.ts imports it before anything else), so its work starts
 * before Vue, the stores and the schemas are evaluated: it picks the transport and, when the app
 * opens on the tenant list, sends the first screen's request and the whole list's at once. The app
 * takes those answers when it starts (app/start-app.ts). Small on purpose: no zod, no Vue.
 */
let endSession = (): void => undefined;
const choice = chooseTransport(() => endSession());

/** The transport, or null without a launch token. */
export const transport: RendererApi | null = choice.kind === 'no-token' ? null : choice.transport;

/** The request for the list's first rows, sent first (null when the app opens elsewhere). */
export const firstPage: PrimedCall | null = transport ? requestFirstPage(transport, window.location.hash) : null;

/** The whole list's request, already on its way (null when the app opens elsewhere). */
export const firstScreen: PrimedCall | null = transport ? requestFirstScreen(transport, window.location.hash) : null;

/** Lets the app say what ends its session when the host refuses the launch token. */
export function onSessionEnd(end: () => void): void {
  endSession = end;
}
