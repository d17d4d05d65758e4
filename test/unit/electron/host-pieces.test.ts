import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseHostArgs } from '../../../electron/host/cli-args';
import { defaultDataDir } from '../../../electron/host/default-data-dir';
import { httpStatusForCode } from '../../../electron/host/http-status';
import { bearerMatches, createLaunchToken } from '../../../electron/host/launch-token';
import { isAllowedHost, isAllowedOrigin } from '../../../electron/host/request-origin';
import { RPC_ERROR_CODES } from '../../../shared/rpc/rpc-error';

describe('launch token', () => {
  it('is 32 random bytes in base64url, fresh each time', () => {
    const a = createLaunchToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createLaunchToken()).not.toBe(a);
  });

  it('matches only "Bearer <exact token>"', () => {
    const token = createLaunchToken();
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', 'Bearer', 'Bearer ', `bearer${token}`, `Bearer ${token.slice(1)}`, `Bearer ${token}a`, `Basic ${token}`, token, `Bearer ${token} ${token}`]) {
      expect(bearerMatches(header, token), String(header)).toBe(false);
    }
  });
});

describe('Host and Origin checks', () => {
  it('accept only our loopback names with our port', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:5000', 5000)).toBe(true);
    for (const host of [undefined, '127.0.0.1', 'localhost', '127.0.0.1:5001', 'evil.example:5000', '[::1]:5000', '0.0.0.0:5000', 'localhost.evil.example:5000']) {
      expect(isAllowedHost(host, 5000), String(host)).toBe(false);
    }
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
    for (const origin of ['null', 'http://127.0.0.1:5001', 'https://127.0.0.1:5000', 'http://evil.example', 'file://']) {
      expect(isAllowedOrigin(origin, 5000), origin).toBe(false);
    }
  });
});

describe('HTTP status per error code', () => {
  it('maps every code to a 4xx/5xx status', () => {
    for (const code of RPC_ERROR_CODES) expect(httpStatusForCode(code), code).toBeGreaterThanOrEqual(400);
    expect(httpStatusForCode('UNKNOWN_CHANNEL')).toBe(404);
    expect(httpStatusForCode('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(httpStatusForCode('UNAUTHORIZED')).toBe(401);
    expect(httpStatusForCode('FORBIDDEN')).toBe(403);
  });
});

describe('host CLI arguments', () => {
  it('parses the options, in both spellings', () => {
    expect(parseHostArgs([])).toEqual({ dataDir: null, port: 0, rendererDir: null, recover: false, help: false });
    expect(parseHostArgs(['--data-dir', '/d', '--port', '8080', '--recover'])).toMatchObject({ dataDir: '/d', port: 8080, recover: true });
    expect(parseHostArgs(['--data-dir=/x', '--port=0', '--renderer-dir=/r'])).toMatchObject({ dataDir: '/x', port: 0, rendererDir: '/r' });
    expect(parseHostArgs(['--help']).help).toBe(true);
  });

  it('refuses bad ports, missing values and unknown options', () => {
    for (const argv of [['--port', '-1'], ['--port', '65536'], ['--port', '80a'], ['--port'], ['--data-dir'], ['--data-dir='], ['--verbose'], ['stray']]) {
      expect(() => parseHostArgs(argv), argv.join(' ')).toThrow(CliUsageError);
    }
  });
});

describe('default data directory', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe('/xdg/chatbot-settings-desktop');
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'chatbot-settings-desktop'));
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative/dir' }, 'linux')).toBe(join(homedir(), '.local', 'share', 'chatbot-settings-desktop'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'chatbot-settings-desktop'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Roaming', 'chatbot-settings-desktop'));
  });
});
