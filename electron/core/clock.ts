/** Milliseconds since the epoch; injectable so that tests can move time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
