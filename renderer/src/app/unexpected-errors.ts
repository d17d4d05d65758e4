import type { App } from 'vue';
import { UNEXPECTED_ERROR_PREFIX } from '../../../shared/logic/unexpected-error';

/** The same message is told once within this time (an error thrown at every render, say). */
const REPEAT_QUIET_MS = 10_000;

/**
 * Errors that no code handled — thrown in a component's set-up, render, watcher or event handler
 * (Vue's errorHandler), or a promise nobody awaited (`unhandledrejection`) — are told to the user
 * with `tell`, instead of leaving a screen half-drawn in silence, and written to the console.
 * Returns what stops listening.
 */
export function catchUnexpectedErrors(app: App, tell: (message: string) => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window, now: () => number = Date.now): () => void {
  const toldAt = new Map<string, number>();
  const report = (error: unknown): void => {
    console.error(UNEXPECTED_ERROR_PREFIX, error);
    const message = messageOf(error);
    const last = toldAt.get(message);
    if (last !== undefined && now() - last < REPEAT_QUIET_MS) return;
    toldAt.set(message, now());
    tell(message);
  };
  app.config.errorHandler = (error) => report(error);
  const onRejection = (event: PromiseRejectionEvent): void => {
    event.preventDefault();
    report(event.reason);
  };
  target.addEventListener('unhandledrejection', onRejection);
  return () => target.removeEventListener('unhandledrejection', onRejection);
}

/** A notice shows this much of a message at most (the console has all of it). */
const MESSAGE_MAX = 300;

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : 'Unknown error.';
  return message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX - 1)}…` : message;
}
