import { encodeIssueMessage } from './issue-message';

/**
 * Names that are never accepted as an object key from outside (a create, a patch, an import, a
 * conflict choice, settings or headers): assigning them to a plain object changes or shadows its
 * prototype, so they would be dropped or misread silently. They are refused with `key.reserved`.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.includes(key);
}

export function reservedKeyMessage(key: string): string {
  return encodeIssueMessage('key.reserved', { key });
}

/** The first reserved own key of a plain object (checked before a zod record would drop it), or null. */
export function firstReservedKey(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.keys(value).find(isReservedKey) ?? null;
}
