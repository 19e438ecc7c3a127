import { describe, expect, it } from 'vitest';
import { historyFile, publicServerKey, stateDir } from './history-path.js';

describe('stateDir', () => {
  it('follows each platform', () => {
    expect(stateDir({ env: {}, platform: 'linux', homedir: '/home/ada' })).toBe(
      '/home/ada/.local/state',
    );
    expect(
      stateDir({ env: { XDG_STATE_HOME: '/xdg/state' }, platform: 'linux', homedir: '/home/ada' }),
    ).toBe('/xdg/state');
    // A relative XDG path is ignored, as the spec says.
    expect(
      stateDir({ env: { XDG_STATE_HOME: 'rel' }, platform: 'linux', homedir: '/home/ada' }),
    ).toBe('/home/ada/.local/state');
    expect(
      stateDir({ env: { XDG_STATE_HOME: '/xdg' }, platform: 'darwin', homedir: '/Users/ada' }),
    ).toBe('/Users/ada/Library/Application Support');
    expect(
      stateDir({
        env: { LOCALAPPDATA: 'D:\\Local' },
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
      }),
    ).toBe('D:\\Local');
    expect(stateDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Local',
    );
  });
});

describe('historyFile', () => {
  it('puts a readable slug and a hash under the state folder', () => {
    const file = historyFile({
      serverKey: 'stdio:uv run server.py@/work/weather',
      env: { XDG_STATE_HOME: '/xdg' },
      platform: 'linux',
      homedir: '/home/ada',
    });
    expect(file).toMatch(
      /^\/xdg\/mcpkit\/inspect\/history\/stdio-uv-run-server\.py-work-weather-[0-9a-f]{12}\.json$/,
    );
  });

  it('uses Windows and macOS folders', () => {
    const key = { serverKey: 'server:claude-code:weather', env: {} };
    expect(historyFile({ ...key, platform: 'win32', homedir: 'C:\\Users\\ada' })).toMatch(
      /^C:\\Users\\ada\\AppData\\Local\\mcpkit\\inspect\\history\\server-claude-code-weather-[0-9a-f]{12}\.json$/,
    );
    expect(historyFile({ ...key, platform: 'darwin', homedir: '/Users/ada' })).toMatch(
      /^\/Users\/ada\/Library\/Application Support\/mcpkit\/inspect\/history\/server-claude-code-weather-/,
    );
  });

  it('tells servers apart whose slugs look alike', () => {
    const at = (serverKey: string) =>
      historyFile({ serverKey, env: {}, platform: 'linux', homedir: '/h' });
    expect(at('stdio:a b')).not.toBe(at('stdio:a-b'));
  });

  it('keeps credentials out of url keys: userinfo, query and fragment', () => {
    expect(publicServerKey('url:https://ada:s3cret@host.example/mcp?token=abc#x')).toBe(
      'url:https://host.example/mcp',
    );
    const plain = historyFile({
      serverKey: 'url:https://host.example/mcp',
      env: {},
      platform: 'linux',
      homedir: '/h',
    });
    const secret = historyFile({
      serverKey: 'url:https://ada:s3cret@host.example/mcp?token=abc',
      env: {},
      platform: 'linux',
      homedir: '/h',
    });
    expect(secret).toBe(plain);
    expect(secret).not.toMatch(/s3cret|abc|ada/);
    expect(secret).toMatch(/\/url-host\.example-mcp-[0-9a-f]{12}\.json$/);
    expect(publicServerKey('url:not a url?key=1')).toBe('url:not a url');
  });
});
