import { describe, expect, it } from 'vitest';
import { buildLaunchCommand, renderConnectSection, type ConnectOptions } from './connect.js';
import { findTemplate } from './templates.js';

const base: ConnectOptions = {
  name: 'weather',
  template: findTemplate('python')!,
  packageManager: 'uv',
  transport: 'stdio',
  projectDir: '/home/ana/My "Weather" ü',
  platform: 'linux',
  uvPath: '/home/ana/.local/bin/uv',
  nodePath: '/opt/node/bin/node',
};

function desktopEntry(section: string): { command: string; args: string[] } {
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
  return (JSON.parse(json) as { mcpServers: Record<string, { command: string; args: string[] }> })
    .mcpServers.weather!;
}

describe('buildLaunchCommand', () => {
  it('runs uv by absolute path with --directory, so no PATH or cwd is needed', () => {
    expect(buildLaunchCommand(base)).toEqual([
      '/home/ana/.local/bin/uv',
      '--directory',
      '/home/ana/My "Weather" ü',
      'run',
      'weather',
    ]);
  });

  it("runs a pip project with the venv's python", () => {
    expect(buildLaunchCommand({ ...base, packageManager: 'pip' })).toEqual([
      '/home/ana/My "Weather" ü/.venv/bin/python',
      '-m',
      'weather',
    ]);
  });

  it('uses Windows paths for a Windows client', () => {
    const windows = { ...base, platform: 'win32' as const, projectDir: 'C:\\Users\\Ana\\weather' };
    expect(buildLaunchCommand({ ...windows, packageManager: 'pip' })).toEqual([
      'C:\\Users\\Ana\\weather\\.venv\\Scripts\\python.exe',
      '-m',
      'weather',
    ]);
    expect(
      buildLaunchCommand({ ...windows, packageManager: 'npm', nodePath: 'C:\\node\\node.exe' }),
    ).toEqual(['C:\\node\\node.exe', 'C:\\Users\\Ana\\weather\\dist\\index.js']);
  });

  it('asks for stdio explicitly when the project defaults to HTTP', () => {
    expect(buildLaunchCommand({ ...base, packageManager: 'npm', transport: 'http' })).toEqual([
      '/opt/node/bin/node',
      '/home/ana/My "Weather" ü/dist/index.js',
      '--transport',
      'stdio',
    ]);
  });
});

describe('renderConnectSection', () => {
  it('holds Claude Desktop JSON that parses back to the launch command', () => {
    const section = renderConnectSection(base);
    const [command, ...args] = buildLaunchCommand(base);
    expect(desktopEntry(section)).toEqual({ command, args });
  });

  it('quotes the claude mcp add line for the shell', () => {
    expect(renderConnectSection(base)).toContain(
      `claude mcp add weather -- /home/ana/.local/bin/uv --directory '/home/ana/My "Weather" ü' run weather`,
    );
    const windows = renderConnectSection({
      ...base,
      platform: 'win32',
      projectDir: "C:\\Ana's\\w",
      uvPath: 'C:\\uv.exe',
    });
    expect(windows).toContain(
      `claude mcp add weather -- C:\\uv.exe --directory 'C:\\Ana''s\\w' run weather`,
    );
  });

  it('offers the HTTP endpoint to Claude Code only for HTTP projects', () => {
    expect(renderConnectSection(base)).not.toContain('--transport http');
    expect(renderConnectSection({ ...base, transport: 'http' })).toContain(
      'claude mcp add --transport http weather http://127.0.0.1:8000/mcp',
    );
  });
});
