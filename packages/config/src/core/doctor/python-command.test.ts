import { describe, expect, it } from 'vitest';
import { isPythonName, pythonLaunch, pythonTarget } from './python-command.js';
import type { LaunchPlan } from './types.js';

function plan(command: string, args: string[], extra: Partial<LaunchPlan> = {}): LaunchPlan {
  return {
    client: 'claude-desktop',
    command,
    args,
    env: {},
    cwd: '/',
    timeoutMs: 60_000,
    ...extra,
  };
}

describe('isPythonName', () => {
  it.each(['python', 'python3', 'python3.12', '/x/.venv/bin/python', 'C:\\Py\\python.exe', 'py'])(
    '%s is Python',
    (name) => expect(isPythonName(name)).toBe(true),
  );
  it.each(['node', 'pythonista', 'uv', 'mypy'])('%s is not', (name) =>
    expect(isPythonName(name)).toBe(false),
  );
});

describe('pythonTarget', () => {
  it('skips interpreter options, values included', () => {
    expect(pythonTarget(['-u', '-X', 'utf8', 'server.py', '--port', '1'])).toEqual({
      kind: 'script',
      value: 'server.py',
    });
  });
  it('reads -m MOD and -mMOD; -c runs no file', () => {
    expect(pythonTarget(['-m', 'weather.server'])).toEqual({
      kind: 'module',
      value: 'weather.server',
    });
    expect(pythonTarget(['-mweather'])).toEqual({ kind: 'module', value: 'weather' });
    expect(pythonTarget(['-c', 'import x'])).toBeUndefined();
  });
});

describe('pythonLaunch', () => {
  it('a plain python runs the copy the client finds, in the plan folder', () => {
    expect(
      pythonLaunch(plan('python3', ['s.py'], { resolved: '/usr/bin/python3', cwd: '/p' })),
    ).toEqual({
      kind: 'interpreter',
      interpreter: '/usr/bin/python3',
      cwd: '/p',
      target: { kind: 'script', value: 's.py' },
    });
  });

  it('uv run --directory D X runs D/.venv/bin/python in D (relative D from the plan folder)', () => {
    expect(pythonLaunch(plan('uv', ['--directory', '/srv/w', 'run', 'server.py']))).toMatchObject({
      interpreter: '/srv/w/.venv/bin/python',
      cwd: '/srv/w',
      uvProject: '/srv/w',
      target: { kind: 'script', value: 'server.py' },
    });
    expect(
      pythonLaunch(plan('uv', ['run', '--directory=w', 'weather'], { cwd: '/home/me' })),
    ).toMatchObject({
      interpreter: '/home/me/w/.venv/bin/python',
      target: { kind: 'entry', value: 'weather' },
    });
  });

  it('uv run: --project keeps the folder, python -m and mcp run name the code, Windows layout', () => {
    expect(
      pythonLaunch(plan('uv', ['run', '--project', '/a', 'python', '-m', 'srv']), {}),
    ).toMatchObject({
      interpreter: '/a/.venv/bin/python',
      cwd: '/',
      target: { kind: 'module', value: 'srv' },
    });
    expect(
      pythonLaunch(plan('uv', ['run', '--directory', '/a', 'mcp', 'run', 'server.py:app'])),
    ).toMatchObject({
      target: { kind: 'script', value: 'server.py' },
    });
    expect(
      pythonLaunch(plan('uv', ['run', '--directory', 'C:\\w', 'server.py']), { windows: true }),
    ).toMatchObject({ interpreter: 'C:\\w\\.venv\\Scripts\\python.exe' });
  });

  it('UV_PROJECT_ENVIRONMENT moves the venv', () => {
    const moved = plan('uv', ['run', '--directory', '/a', 's.py'], {
      env: { UV_PROJECT_ENVIRONMENT: 'env' },
    });
    expect(pythonLaunch(moved)).toMatchObject({ interpreter: '/a/env/bin/python' });
  });

  it('uvx, pipx run, uv tool run and uv run --with build their own environments', () => {
    expect(pythonLaunch(plan('uvx', ['--from', 'pkg==1', 'cmd']))).toEqual({
      kind: 'tool-env',
      tool: 'uvx',
      spec: 'pkg==1',
    });
    expect(pythonLaunch(plan('pipx', ['run', 'mcp-server-x']))).toMatchObject({
      kind: 'tool-env',
      spec: 'mcp-server-x',
    });
    expect(pythonLaunch(plan('uv', ['tool', 'run', 'x']))).toMatchObject({
      kind: 'tool-env',
      tool: 'uv tool run',
    });
    expect(pythonLaunch(plan('uv', ['run', '--with', 'mcp', 'server.py']))).toMatchObject({
      kind: 'tool-env',
      tool: 'uv run',
    });
  });

  it('a script with a python shebang runs that interpreter; env shebangs use the PATH', () => {
    expect(
      pythonLaunch(plan('/bin/srv', []), { shebang: '#!/opt/venv/bin/python3 -u' }),
    ).toMatchObject({
      interpreter: '/opt/venv/bin/python3',
      target: { kind: 'script', value: '/bin/srv' },
    });
    expect(
      pythonLaunch(plan('/bin/srv', []), { shebang: '#!/usr/bin/env -S python3 -u' }),
    ).toMatchObject({
      interpreter: 'python3',
    });
  });

  it('anything else is not Python', () => {
    expect(pythonLaunch(plan('node', ['s.js']))).toBeUndefined();
    expect(pythonLaunch(plan('/bin/srv', []), { shebang: '#!/usr/bin/env node' })).toBeUndefined();
    expect(pythonLaunch(plan('uv', ['sync']))).toBeUndefined();
  });
});
