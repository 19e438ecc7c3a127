// The Python check of `mcp-config doctor` against real interpreters: a venv with the real mcp
// 2.x from PyPI and one without mcp, made once for this file; the fixture servers in
// test/fixtures/doctor/ (v1 code that fails on mcp 2.x, healthy 2.x code).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPython } from '../packages/config/src/core/doctor/python-check.js';
import { runLiveCheck } from '../packages/config/src/core/doctor/live-check.js';
import type { Finding, LaunchPlan } from '../packages/config/src/core/doctor/types.js';
import { runProcess } from '../packages/config/src/host/process-runner.js';
import { ROOT, makeTempDir } from './support/paths.js';
import { run } from './support/run.js';

const FIXTURES = join(ROOT, 'test/fixtures/doctor');
const CLIENT_PATH = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');

let box: string;
/** A uv project folder whose .venv has mcp 2.x, with the fixture servers in it. */
let withMcp: string;
/** A folder whose .venv has no mcp. */
let noMcp: string;
const python = (dir: string) => join(dir, '.venv/bin/python');

async function uv(args: string[]): Promise<void> {
  const result = await run('uv', args, { env: process.env, timeoutMs: 280_000 });
  if (result.code !== 0) throw new Error(`uv ${args.join(' ')} failed:\n${result.stderr}`);
}

beforeAll(async () => {
  box = makeTempDir('doctor-python');
  withMcp = join(box, 'with-mcp');
  noMcp = join(box, 'no-mcp');
  for (const dir of [withMcp, noMcp]) {
    mkdirSync(dir);
    await uv(['venv', '--quiet', join(dir, '.venv')]);
    for (const file of ['v1_server.py', 'v2_server.py'])
      copyFileSync(join(FIXTURES, file), join(dir, file));
  }
  await uv(['pip', 'install', '--quiet', '--python', python(withMcp), 'mcp>=2']);
});

function plan(
  command: string,
  args: string[],
  cwd: string,
  extra: Partial<LaunchPlan> = {},
): LaunchPlan {
  return {
    client: 'claude-desktop',
    command,
    resolved: command.startsWith('/') ? command : undefined,
    args,
    env: { PATH: CLIENT_PATH },
    cwd,
    timeoutMs: 30_000,
    ...extra,
  };
}

function byCode(findings: Finding[], code: string): Finding {
  const found = findings.find((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(findings, null, 1)}`).toBeDefined();
  return found!;
}

const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('checkPython', () => {
  it('names the interpreter, its Python and its mcp; healthy 2.x code has nothing else', async () => {
    const findings = await checkPython(
      plan(python(withMcp), ['v2_server.py'], withMcp),
      runProcess,
    );
    expect(codes(findings)).toEqual(['python-interpreter']);
    expect(findings[0]!.message).toMatch(
      /^Python 3\.\d+\.\d+ at \/\S+\/with-mcp\/\.venv\/bin\/python3?, mcp 2\.\d+/,
    );
  });

  it('v1 code (mcp.server.fastmcp) on mcp 2.x is mcp-v1-import, with its file and line', async () => {
    const findings = await checkPython(
      plan(python(withMcp), ['v1_server.py'], withMcp),
      runProcess,
    );
    const v1 = byCode(findings, 'mcp-v1-import');
    expect(v1.severity).toBe('error');
    expect(v1.message).toContain('FastMCP became MCPServer in mcp 2.x');
    expect(v1.location).toEqual({ file: join(withMcp, 'v1_server.py'), line: 3 });
    expect(v1.fix).toContain('from mcp.server import MCPServer');
    expect(v1.fix).toContain('mcp<2');
    expect(v1.detail).toEqual(['from mcp.server.fastmcp import FastMCP']);
  });

  it('an interpreter without mcp is python-no-mcp, with the install command for that interpreter', async () => {
    const findings = await checkPython(
      plan(python(noMcp), [join(noMcp, 'v2_server.py')], '/'),
      runProcess,
    );
    expect(codes(findings)).toEqual(['python-interpreter', 'python-no-mcp']);
    expect(findings[0]!.message).toContain('no mcp');
    expect(byCode(findings, 'python-no-mcp').fix).toMatch(
      /^\/\S+\/no-mcp\/\.venv\/bin\/python3? -m pip install mcp/,
    );
  });

  it('uv run --directory D uses D/.venv, and finds a module run with -m', async () => {
    copyFileSync(join(FIXTURES, 'v1_server.py'), join(withMcp, 'old_weather.py'));
    const findings = await checkPython(
      plan('uv', ['run', '--directory', withMcp, '-m', 'old_weather'], '/'),
      runProcess,
    );
    expect(findings[0]!.message).toContain(join(withMcp, '.venv/bin/python'));
    const v1 = byCode(findings, 'mcp-v1-import');
    expect(v1.location).toEqual({ file: join(withMcp, 'old_weather.py'), line: 3 });
    expect(v1.fix).toContain("uv add 'mcp<2'");
  });

  it('uv run in a folder without .venv says uv will create it', async () => {
    const empty = join(box, 'fresh');
    mkdirSync(empty, { recursive: true });
    const findings = await checkPython(
      plan('uv', ['run', '--directory', empty, 'server.py'], '/'),
      runProcess,
    );
    expect(codes(findings)).toEqual(['python-venv-missing']);
    expect(findings[0]!.message).toContain(join(empty, '.venv/bin/python'));
  });

  it('a script with a python shebang is checked with the shebang interpreter', async () => {
    const script = join(box, 'weather-server');
    writeFileSync(
      script,
      `#!${python(withMcp)}\n${readFileSync(join(FIXTURES, 'v1_server.py'), 'utf8')}`,
    );
    chmodSync(script, 0o755);
    const findings = await checkPython(plan(script, [], '/'), runProcess, {
      readHead: (file) => Promise.resolve(readFileSync(file, 'utf8').slice(0, 256)),
    });
    expect(byCode(findings, 'mcp-v1-import').location).toEqual({ file: script, line: 4 });
  });

  it('uvx is a tool environment; a Node server is not checked', async () => {
    const uvx = await checkPython(plan('uvx', ['mcp-server-fetch'], '/'), runProcess);
    expect(codes(uvx)).toEqual(['python-tool-env']);
    expect(uvx[0]!.message).toContain('mcp-server-fetch');
    expect(await checkPython(plan(process.execPath, ['server.mjs'], '/'), runProcess)).toEqual([]);
  });
});

describe('the live check on Python servers', () => {
  it('v1 code on mcp 2.x exits: mcp-v1-import from its stderr', async () => {
    const outcome = await runLiveCheck(plan(python(withMcp), ['v1_server.py'], withMcp));
    expect(outcome.connected).toBe(false);
    expect(codes(outcome.findings)).toEqual(['mcp-v1-import']);
    expect(outcome.findings[0]!.location).toEqual({ file: join(withMcp, 'v1_server.py'), line: 3 });
    expect(outcome.findings[0]!.detail?.join('\n')).toContain(
      "No module named 'mcp.server.fastmcp'",
    );
  });

  it('no mcp in the interpreter: python-no-mcp from its stderr', async () => {
    const outcome = await runLiveCheck(plan(python(noMcp), ['v2_server.py'], noMcp));
    expect(codes(outcome.findings)).toEqual(['python-no-mcp']);
  });

  it('a healthy 2.x server connects', async () => {
    const outcome = await runLiveCheck(plan(python(withMcp), ['v2_server.py'], withMcp));
    expect(outcome).toMatchObject({ connected: true, serverName: 'v2-server', tools: 1 });
  });
});
