import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTAGE_LATITUDE, startFakeWeatherApi, type FakeWeatherApi } from './fake-weather.js';
import {
  connectHttp,
  connectStdio,
  ERAS,
  exerciseWeatherServer,
  freePort,
  startHttpServer,
  type HttpServerProcess,
} from './mcp-client.js';
import { BIN, makeTempDir } from './paths.js';
import { run, testEnv } from './run.js';
import { startTmux } from './tmux.js';
import { interruptStdioServer, setProjectVersion, wheelTopLevel } from './template-checks.js';

type Template = 'python' | 'fastmcp' | 'typescript';

/** The OAuth paths a client probes before it falls back to registration. */
const OAUTH_DISCOVERY_PATHS = [
  '/.well-known/oauth-protected-resource',
  '/.well-known/oauth-protected-resource/mcp',
  '/.well-known/oauth-authorization-server',
  '/.well-known/oauth-authorization-server/mcp',
  '/.well-known/openid-configuration',
  '/.well-known/openid-configuration/mcp',
  '/register',
];

/** The text of a tool result's content. */
function resultText(result: { content?: unknown }): string {
  const blocks = (result.content ?? []) as { type: string; text?: string }[];
  return blocks.map((block) => block.text ?? '').join(' ');
}
type PackageManager = 'uv' | 'pip' | 'npm' | 'pnpm';

/** The project's own test command for each package manager. */
const OWN_TESTS: Record<PackageManager, (dir: string) => [string, string[]]> = {
  uv: () => ['uv', ['run', '--frozen', 'pytest', '-q']],
  pip: (dir) => [join(dir, '.venv/bin/python'), ['-m', 'pytest', '-q']],
  npm: () => ['npm', ['test']],
  pnpm: () => ['pnpm', ['test']],
};

/** The `mcpServers` entry of the README's Claude Desktop JSON. */
function readDesktopEntry(projectDir: string, name: string): { command: string; args: string[] } {
  const readme = readFileSync(join(projectDir, 'README.md'), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(
    readme.slice(readme.indexOf('## Connect to Claude Desktop')),
  );
  if (!block?.[1]) throw new Error('README has no Claude Desktop JSON block');
  const config = JSON.parse(block[1]) as {
    mcpServers: Record<string, { command: string; args: string[] }>;
  };
  const entry = config.mcpServers[name];
  if (!entry) throw new Error(`README config has no entry "${name}"`);
  return entry;
}

/**
 * End-to-end tests of one template with each of its package managers: scaffold with
 * create-mcp-server into a folder whose name needs escaping, install for real, run the
 * project's own tests, then talk to the server with the official SDK client over stdio
 * (launched exactly as the README tells Claude Desktop to) and over HTTP, in both eras.
 */
export function describeTemplate(
  template: Template,
  packageManagers: readonly PackageManager[],
): void {
  describe.each(packageManagers)(`${template} template with %s`, (pm) => {
    const folder = `Météo "${template}" ${pm}`;
    const name = `meteo-${template}-${pm}`;
    let projectDir: string;
    let fake: FakeWeatherApi;
    let created: Awaited<ReturnType<typeof run>>;
    // Claude Desktop's config on Linux lives under $XDG_CONFIG_HOME; keep it out of the real home.
    const xdgConfig = makeTempDir(`xdg-${template}-${pm}`);
    const env = () => testEnv({ WEATHER_API_BASE_URL: fake.baseUrl });

    beforeAll(async () => {
      fake = await startFakeWeatherApi();
      const parent = makeTempDir(`${template}-${pm}`);
      projectDir = join(parent, folder);
      created = await run(
        process.execPath,
        [
          BIN.create,
          folder,
          '-t',
          template,
          '--pm',
          pm,
          '--yes',
          '--no-git',
          '--register',
          'claude-desktop',
        ],
        {
          cwd: parent,
          env: testEnv({ CI: 'true', XDG_CONFIG_HOME: xdgConfig }),
          timeoutMs: 540_000,
        },
      );
    });
    afterAll(async () => fake?.close());

    it('scaffolds and installs, then prints the next steps', () => {
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toContain(`Project name ${name} (from the folder name "${folder}"`);
      expect(created.stdout).toContain('Next steps:');
      expect(created.stdout).toContain(`cd '${folder.replace(/'/g, `'\\''`)}'`);
    });

    it("passes the generated project's own tests", async () => {
      const [command, args] = OWN_TESTS[pm](projectDir);
      const result = await run(command, args, {
        cwd: projectDir,
        env: testEnv(),
        timeoutMs: 240_000,
      });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toMatch(/\d+ passed/);
    });

    it.each(ERAS)(
      'answers a client over stdio, launched as the README tells Claude Desktop ($era era)',
      async ({ era, version }) => {
        const entry = readDesktopEntry(projectDir, name);
        // GUI clients start servers with a bare environment, a minimal PATH and another cwd.
        const guiEnv = {
          ...getDefaultEnvironment(),
          PATH: '/usr/bin:/bin',
          // The run's temp folder, where uv leaves its lock file (the default is /tmp).
          TMPDIR: tmpdir(),
          WEATHER_API_BASE_URL: fake.baseUrl,
        };
        const { client, stderr } = await connectStdio(entry.command, entry.args, {
          env: guiEnv,
          cwd: '/',
          era,
        });
        try {
          await exerciseWeatherServer(client, fake, version);
        } finally {
          await client.close();
        }
        expect(stderr()).not.toMatch(/Traceback|Error:/);
      },
    );

    it.each(['legacy', 'modern'])('is listed by mcp-inspect tools (--era %s)', async (era) => {
      const entry = readDesktopEntry(projectDir, name);
      const args = [BIN.inspect, 'tools', '--era', era, '--', entry.command, ...entry.args];
      const human = await run(process.execPath, args, { env: env() });
      expect(human.code, human.stderr).toBe(0);
      expect(human.stdout).toMatch(/^get_weather\s+Get the current weather/m);
      expect(human.stdout).toMatch(/^2 tools$/m);
      const json = await run(process.execPath, [...args.slice(0, 2), '--json', ...args.slice(2)], {
        env: env(),
      });
      const parsed = JSON.parse(json.stdout) as { tools: { name: string }[] };
      expect(parsed.tools.map((tool) => tool.name).sort()).toEqual(['get_forecast', 'get_weather']);
    });

    it('was registered with Claude Desktop (--register), and mcp-inspect --server runs it as the app would', async () => {
      expect(created.stdout).toMatch(
        /Added "[^"]+" \(user scope\) in .*claude_desktop_config\.json/,
      );
      const config = JSON.parse(
        readFileSync(join(xdgConfig, 'Claude', 'claude_desktop_config.json'), 'utf8'),
      ) as {
        mcpServers: Record<string, { command: string; args: string[] }>;
      };
      // The same command the README shows.
      expect(config.mcpServers[name]).toEqual(readDesktopEntry(projectDir, name));
      const result = await run(
        process.execPath,
        [
          BIN.inspect,
          'call',
          'get_forecast',
          '--arg',
          'latitude=20',
          '--arg',
          'longitude=5',
          '--arg',
          'days=1',
          '--json',
          '--server',
          name,
          '--env',
          `WEATHER_API_BASE_URL=${fake.baseUrl}`,
        ],
        {
          env: testEnv({ XDG_CONFIG_HOME: xdgConfig }),
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout) as {
        structuredContent: { days: { temperature_max_c: number }[] };
      };
      expect(parsed.structuredContent.days[0]?.temperature_max_c).toBe(20);
    });

    if (template !== 'typescript') {
      it('builds a wheel holding only the package named after the project (no top-level server)', async () => {
        const python = pm === 'pip' ? 'pip' : 'uv';
        if (python === 'uv') expect(existsSync(join(projectDir, 'uv.lock'))).toBe(true);
        const topLevel = await wheelTopLevel(
          projectDir,
          python,
          makeTempDir(`wheel-${template}-${pm}`),
        );
        const module = name.replace(/-/g, '_');
        expect(topLevel.filter((entry) => !entry.endsWith('.dist-info'))).toEqual([module]);
        expect(topLevel).toHaveLength(2);
      });
    }

    // The interactive inspector on the generated server, in a real terminal: once per
    // language is enough (the Python one is what most people run).
    it.skipIf(template !== 'python' || pm !== 'uv')(
      'the interactive inspector (tmux) runs it by name and calls get_forecast through its form',
      async () => {
        const terminal = startTmux(
          `env -u CI ${process.execPath} ${BIN.inspect} --server ${name} --env WEATHER_API_BASE_URL=${fake.baseUrl}; echo "EXIT=$?"; sleep 60`,
          {
            cwd: makeTempDir('tui-template'),
            env: { XDG_CONFIG_HOME: xdgConfig, XDG_STATE_HOME: makeTempDir('tui-template-state') },
          },
        );
        try {
          await terminal.waitFor(/● connected/, 60_000);
          const listed = await terminal.waitFor(/get_forecast/);
          expect(listed).toMatch(/get_weather/);
          await terminal.waitForRawMode();
          terminal.send('/', '-l', 'fore');
          await terminal.waitFor(/\/fore/);
          terminal.send('Enter', 'Enter');
          const form = await terminal.waitFor(/get_forecast — Daily forecast/);
          expect(form).toMatch(/days +integer +3/);
          terminal.send('-l', '20', 'Tab', '-l', '5', 'C-s');
          const result = await terminal.waitFor(/✓ ok\s+get_forecast/, 30_000);
          expect(result).toMatch(/"conditions": "Slight rain"/);
          // The structured content, checked against the tool's outputSchema, comes after the
          // text: a taller terminal shows both.
          terminal.resize(100, 90);
          await terminal.waitFor(/structuredContent +✓ matches outputSchema/);
          terminal.send('q');
          expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
        } finally {
          terminal.kill();
        }
      },
    );

    it('stops at once on Ctrl-C over stdio, without a traceback', async () => {
      const entry = readDesktopEntry(projectDir, name);
      const stdioArgs = [...entry.args, '--transport', 'stdio'];
      const result = await interruptStdioServer(entry.command, stdioArgs, {
        cwd: projectDir,
        env: env(),
      });
      expect([0, 130], `${result.code} ${result.signal}\n${result.stderr}`).toContain(result.code);
      expect(result.stderr).not.toMatch(/Traceback/);
    });

    it('names the URL and the reason when the weather API fails', async () => {
      const entry = readDesktopEntry(projectDir, name);
      const closed = `http://127.0.0.1:${await freePort()}/v1`;
      const guiEnv = { ...getDefaultEnvironment(), TMPDIR: tmpdir(), WEATHER_API_BASE_URL: closed };
      const unreachable = await connectStdio(entry.command, entry.args, {
        env: guiEnv,
        cwd: projectDir,
        era: 'legacy',
      });
      try {
        const result = await unreachable.client.callTool({
          name: 'get_weather',
          arguments: { latitude: 1, longitude: 2 },
        });
        expect(result.isError).toBe(true);
        expect(resultText(result)).toContain(
          `Could not reach ${closed}/forecast: connection refused`,
        );
      } finally {
        await unreachable.client.close();
      }

      const failing = await connectStdio(entry.command, entry.args, {
        env: { ...getDefaultEnvironment(), TMPDIR: tmpdir(), WEATHER_API_BASE_URL: fake.baseUrl },
        cwd: projectDir,
        era: 'legacy',
      });
      try {
        const result = await failing.client.callTool({
          name: 'get_weather',
          arguments: { latitude: OUTAGE_LATITUDE, longitude: 2 },
        });
        expect(result.isError).toBe(true);
        const text = resultText(result);
        expect(text).toContain(`${fake.baseUrl}/forecast`);
        expect(text).toContain('HTTP 503: fake outage');
      } finally {
        await failing.client.close();
      }
    });

    describe('over Streamable HTTP with MCP_AUTH_TOKEN', () => {
      let server: HttpServerProcess;
      const token = `tok-${Math.random().toString(36).slice(2)}`;

      beforeAll(async () => {
        const entry = readDesktopEntry(projectDir, name);
        server = await startHttpServer(entry.command, entry.args, {
          cwd: projectDir,
          env: { ...env(), MCP_AUTH_TOKEN: token },
        });
      });
      afterAll(async () => server?.stop());

      it.each([
        ['no token', {}],
        ['a wrong token', { Authorization: `Bearer x${token}` }],
        ['another scheme', { Authorization: `Basic ${token}` }],
      ])('refuses a request with %s (401)', async (_label, headers) => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...headers,
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      });

      it.each(OAUTH_DISCOVERY_PATHS)(
        'answers 404, not 401, on the OAuth discovery path %s (the server uses no OAuth)',
        async (path) => {
          const response = await fetch(new URL(path, server.url), {
            method: path === '/register' ? 'POST' : 'GET',
          });
          expect(response.status).toBe(404);
          expect(response.headers.get('www-authenticate')).toBeNull();
        },
      );

      it.each(ERAS)(
        'answers a client with the right token ($era era)',
        async ({ era, version }) => {
          const client = await connectHttp(server.url, { era, token });
          try {
            await exerciseWeatherServer(client, fake, version);
          } finally {
            await client.close();
          }
        },
      );
    });

    // Last: it changes the project's version (and reinstalls a Python project).
    it("reports the project's version as serverInfo.version", async () => {
      const version = '2.5.1';
      setProjectVersion(projectDir, template === 'typescript' ? 'typescript' : 'python', version);
      const reinstall: Partial<Record<PackageManager, [string, string[]]>> = {
        uv: ['uv', ['sync']],
        pip: [
          join(projectDir, '.venv/bin/python'),
          ['-m', 'pip', 'install', '--quiet', '--no-deps', '-e', '.'],
        ],
      };
      const step = reinstall[pm];
      if (step) {
        const result = await run(step[0], step[1], { cwd: projectDir, env: testEnv() });
        expect(result.code, result.stderr).toBe(0);
      }
      const entry = readDesktopEntry(projectDir, name);
      const { client } = await connectStdio(entry.command, entry.args, {
        env: { ...getDefaultEnvironment(), TMPDIR: tmpdir(), WEATHER_API_BASE_URL: fake.baseUrl },
        cwd: projectDir,
        era: 'legacy',
      });
      try {
        expect(client.getServerVersion()).toMatchObject({ name, version });
      } finally {
        await client.close();
      }
    });
  });
}
