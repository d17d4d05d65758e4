import { describe, expect, it } from 'vitest';
import { takeLaunchToken } from '../../../renderer/src/api/launch-token';

function environment(hash: string) {
  const storage = new Map<string, string>();
  const replaced: string[] = [];
  const location = { hash, pathname: '/', search: '' };
  return {
    replaced,
    env: {
      location,
      history: { replaceState: (_data: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
      storage: { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) },
    },
  };
}

describe('takeLaunchToken', () => {
  it('moves the token from the address into session storage and gives the hash back to the router', () => {
    const { env, replaced } = environment('#token=abc123');
    expect(takeLaunchToken(env)).toBe('abc123');
    expect(replaced).toEqual(['/#/']);
    // A reload: the address no longer has it, the session does.
    env.location.hash = '#/tenants';
    expect(takeLaunchToken(env)).toBe('abc123');
    expect(replaced).toHaveLength(1);
  });

  it('returns null when there never was a token', () => {
    expect(takeLaunchToken(environment('#/').env)).toBeNull();
  });
});
