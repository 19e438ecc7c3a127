import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/paths.js';
import { listConfiguredServers } from './configured-servers.js';

describe('listConfiguredServers', () => {
  it('lists the servers of every client config that exists, and names the files it cannot read', async () => {
    const home = makeTempDir('configured-home');
    const project = makeTempDir('configured-project');
    const desktop = join(home, '.config', 'Claude');
    mkdirSync(desktop, { recursive: true });
    writeFileSync(
      join(desktop, 'claude_desktop_config.json'),
      JSON.stringify({ mcpServers: { weather: { command: 'uv', args: ['run', 'weather'] } } }),
    );
    mkdirSync(join(home, '.cursor'));
    writeFileSync(
      join(home, '.cursor', 'mcp.json'),
      JSON.stringify({ mcpServers: { docs: { url: 'https://example.com/mcp' } } }),
    );
    writeFileSync(join(project, '.mcp.json'), '{ "mcpServers": { broken');
    const { servers, problems } = await listConfiguredServers({
      platform: 'linux',
      env: {},
      homedir: home,
      cwd: project,
    });
    expect(
      servers.map(({ name, client, scope, summary, shadowed }) => ({
        name,
        client,
        scope,
        summary,
        shadowed,
      })),
    ).toEqual([
      {
        name: 'weather',
        client: 'claude-desktop',
        scope: 'user',
        summary: 'uv run weather',
        shadowed: false,
      },
      {
        name: 'docs',
        client: 'cursor',
        scope: 'user',
        summary: 'https://example.com/mcp',
        shadowed: false,
      },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(join(project, '.mcp.json'));
  });

  it('marks a name that a nearer file of the same client also defines as shadowed', async () => {
    const home = makeTempDir('configured-home');
    const project = makeTempDir('configured-project');
    mkdirSync(join(home, '.cursor'));
    mkdirSync(join(project, '.cursor'));
    const entry = (command: string) => JSON.stringify({ mcpServers: { tools: { command } } });
    writeFileSync(join(home, '.cursor', 'mcp.json'), entry('global-one'));
    writeFileSync(join(project, '.cursor', 'mcp.json'), entry('project-one'));
    const { servers } = await listConfiguredServers({
      platform: 'linux',
      env: {},
      homedir: home,
      cwd: project,
      clients: ['cursor'],
    });
    expect(servers.map((s) => [s.summary, s.shadowed])).toEqual([
      ['project-one', false],
      ['global-one', true],
    ]);
  });
});
