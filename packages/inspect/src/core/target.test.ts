import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InspectError } from './errors.js';
import type { ConnectionOptions } from './options.js';
import { resolveTarget, type TargetHost } from './target.js';

const base: ConnectionOptions = {
  command: [],
  sse: false,
  headers: {},
  env: {},
  era: 'legacy',
  eraIsDefault: true,
  timeoutMs: 1000,
  maxMessageBytes: 1024,
};

const home = mkdtempSync(join(tmpdir(), 'mcpkit-target-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const host = (over: Partial<TargetHost> = {}): TargetHost => ({
  platform: 'linux',
  env: {},
  homedir: home,
  cwd: join(home, 'proj'),
  defaultServerEnv: () => ({ PATH: '/usr/bin', HOME: home }),
  ...over,
});

function writeConfig(path: string, servers: Record<string, unknown>): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ mcpServers: servers }));
  return path;
}

describe('resolveTarget: a stdio command', () => {
  it('gets the default client environment plus --env, and its own cwd', async () => {
    const { target } = await resolveTarget(
      { ...base, command: ['uv', 'run', 'srv'], env: { API_KEY: 'k', PATH: '/opt/bin' }, cwd: 'x' },
      host(),
    );
    expect(target).toEqual({
      transport: 'stdio',
      command: 'uv',
      args: ['run', 'srv'],
      env: { PATH: '/opt/bin', HOME: home, API_KEY: 'k' },
      cwd: 'x',
    });
  });
});

describe('resolveTarget: --url', () => {
  it('adds the bearer token, from the flag or else from $MCP_BEARER_TOKEN', async () => {
    const url = 'http://127.0.0.1:8000/mcp';
    const fromFlag = await resolveTarget({ ...base, url, bearer: 'flag' }, host());
    expect(fromFlag.target).toEqual({
      transport: 'http',
      url,
      headers: { Authorization: 'Bearer flag' },
    });
    const fromEnv = await resolveTarget(
      { ...base, url, sse: true },
      host({ env: { MCP_BEARER_TOKEN: 'env' } }),
    );
    expect(fromEnv.target).toEqual({
      transport: 'sse',
      url,
      headers: { Authorization: 'Bearer env' },
    });
  });

  it('keeps an Authorization header given with --header over any token', async () => {
    const { target } = await resolveTarget(
      { ...base, url: 'https://x/mcp', bearer: 't', headers: { authorization: 'Basic abc' } },
      host({ env: { MCP_BEARER_TOKEN: 'env' } }),
    );
    expect(target).toMatchObject({ headers: { authorization: 'Basic abc' } });
    expect(Object.keys((target as { headers: object }).headers)).toEqual(['authorization']);
  });
});

describe('resolveTarget: --server from a client config', () => {
  it("reads the client's file for the platform and home it is given", async () => {
    const linuxHome = join(home, 'linux');
    writeConfig(join(linuxHome, '.config/Claude/claude_desktop_config.json'), {
      weather: { command: 'node', args: ['w.js'], env: { UNITS: 'metric' } },
    });
    const { target, warnings } = await resolveTarget(
      { ...base, server: 'weather', env: { EXTRA: '1' }, cwd: '/srv' },
      host({ homedir: linuxHome }),
    );
    expect(warnings).toEqual([]);
    expect(target).toMatchObject({
      transport: 'stdio',
      command: 'node',
      args: ['w.js'],
      cwd: '/srv',
    });
    expect((target as { env: Record<string, string> }).env).toMatchObject({
      UNITS: 'metric',
      EXTRA: '1',
    });

    // The same home read as a Mac: Claude Desktop keeps its file elsewhere there.
    const macHome = join(home, 'mac');
    writeConfig(join(macHome, 'Library/Application Support/Claude/claude_desktop_config.json'), {
      notes: { command: 'notes-mcp' },
    });
    const mac = await resolveTarget(
      { ...base, server: 'notes' },
      host({ platform: 'darwin', homedir: macHome }),
    );
    expect(mac.target).toMatchObject({ transport: 'stdio', command: 'notes-mcp' });
    // Read as Linux, the same home has no Claude Desktop file: a usage error naming the path.
    const missing = (await resolveTarget(
      { ...base, server: 'notes' },
      host({ homedir: macHome }),
    ).catch((e: unknown) => e)) as InspectError;
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toContain(join(macHome, '.config/Claude/claude_desktop_config.json'));
    expect(missing.hint).toBe('Or point at a file with --config FILE (client: claude-desktop).');
  });

  it('guesses the client of --config from its name, and warns of unresolved variables', async () => {
    const file = writeConfig(join(home, 'p/.cursor/mcp.json'), {
      db: { command: 'db-mcp', env: { TOKEN: '${env:DB_TOKEN}' } },
      remote: { url: 'https://mcp.example.com/mcp', headers: { 'X-A': '1' } },
    });
    const remote = await resolveTarget(
      { ...base, server: 'remote', config: file, headers: { 'X-B': '2' } },
      host(),
    );
    expect(remote.target).toMatchObject({
      transport: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: { 'X-A': '1', 'X-B': '2' },
    });
    const { target, warnings } = await resolveTarget(
      { ...base, server: 'db', config: file },
      host(),
    );
    expect(target).toMatchObject({ transport: 'stdio', command: 'db-mcp' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('${env:DB_TOKEN}');
    expect(warnings[0]).toContain('cursor would pass it on as written');
  });

  it('an unknown name is a usage error that lists the names there are', async () => {
    const file = writeConfig(join(home, 'q/claude_desktop_config.json'), {
      memory: { command: 'mem' },
    });
    const error = await resolveTarget({ ...base, server: 'memroy', config: file }, host()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InspectError);
    expect((error as InspectError).exitCode).toBe(2);
    expect((error as InspectError).message).toMatch(
      /no server named "memroy".*Did you mean "memory"/,
    );
  });
});
