import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeHost, stdioEntry } from '../../../../../test/support/fake-doctor-host.js';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { clientCwd, clientPath, nvmVersionDirs, planLaunch } from './client-env.js';
import { geminiRedacts } from './gemini-env.js';
import { createDoctorHost } from './host.js';

const NODE_SHEBANG = '#!/usr/bin/env node\nrequire("../lib/cli.js")\n';
const MAC_HOME = '/Users/ann';
const nvm = (v: string) => `${MAC_HOME}/.nvm/versions/node/${v}/bin`;

/** macOS with three nvm versions; the shell uses v22 (nvm use / alias default). */
function macWithNvm() {
  const files: Record<string, string> = {};
  for (const v of ['v18.20.4', 'v20.9.0', 'v22.12.0']) {
    files[`${nvm(v)}/node`] = '\x7fELF';
    files[`${nvm(v)}/npx`] = NODE_SHEBANG;
  }
  return fakeHost({
    platform: 'darwin',
    homedir: MAC_HOME,
    cwd: `${MAC_HOME}/proj`,
    env: {
      PATH: `${nvm('v22.12.0')}:/usr/bin:/bin`,
      HOME: MAC_HOME,
      USER: 'ann',
      SHELL: '/bin/zsh',
      OPENAI_API_KEY: 'sk-1',
    },
    files,
  });
}

describe('the launch model', () => {
  it("lists nvm's versions as Claude Desktop does: by name, so v10 sorts before v8", () => {
    const host = fakeHost({
      platform: 'darwin',
      homedir: MAC_HOME,
      cwd: '/',
      dirs: ['v8.17.0', 'v10.24.1', 'v22.1.0'].map((v) => `${MAC_HOME}/.nvm/versions/node/${v}`),
    });
    expect(nvmVersionDirs(host).map((d) => d.split('/').pop())).toEqual([
      'v10.24.1',
      'v22.1.0',
      'v8.17.0',
    ]);
  });

  it('Claude Desktop on macOS: nvm versions oldest first, Homebrew, then launchd', () => {
    const path = clientPath('claude-desktop', macWithNvm());
    expect(path.dirs).toEqual([
      nvm('v18.20.4'),
      nvm('v20.9.0'),
      nvm('v22.12.0'),
      '/usr/local/bin',
      '/opt/homebrew/bin',
      '/usr/bin',
      '/bin',
      '/usr/sbin',
      '/sbin',
    ]);
    expect(path.source).toMatch(/launchd/);
  });

  it('Claude Desktop on macOS runs the oldest npx, with the SDK default env, from /, 60 s', () => {
    const host = macWithNvm();
    const plan = planLaunch(
      stdioEntry('npx', ['-y', 'pkg'], { env: { API_TOKEN: 't' } }),
      'claude-desktop',
      host,
    );
    expect(plan.resolved).toBe(`${nvm('v18.20.4')}/npx`);
    expect(plan.shellResolved).toBe(`${nvm('v22.12.0')}/npx`);
    expect(Object.keys(plan.env).sort()).toEqual(['API_TOKEN', 'HOME', 'PATH', 'SHELL', 'USER']);
    expect(plan.env.OPENAI_API_KEY).toBeUndefined();
    expect(plan.cwd).toBe('/');
    expect(plan.timeoutMs).toBe(60_000);
  });

  it('Claude Code gets the shell env and folder, 30 s unless MCP_TIMEOUT says otherwise', () => {
    const host = macWithNvm();
    const plan = planLaunch(stdioEntry('npx'), 'claude-code', host);
    expect(plan.resolved).toBe(`${nvm('v22.12.0')}/npx`);
    expect(plan.env.OPENAI_API_KEY).toBe('sk-1');
    expect(plan.cwd).toBe(`${MAC_HOME}/proj`);
    expect(plan.timeoutMs).toBe(30_000);
    const slow = { ...host, env: { ...host.env, MCP_TIMEOUT: '90000' } };
    expect(planLaunch(stdioEntry('npx'), 'claude-code', slow).timeoutMs).toBe(90_000);
  });

  it('Gemini CLI redacts secret-looking variables, drops blocked entry keys, sets GEMINI_CLI', () => {
    const host = macWithNvm();
    const entry = stdioEntry('npx', [], {
      env: { PYTHONPATH: '/x', MY_KEY: 'k' },
      raw: { command: 'npx', timeout: 5000 },
    });
    const plan = planLaunch(entry, 'gemini-cli', host);
    expect(plan.env.OPENAI_API_KEY).toBeUndefined();
    expect(plan.env.HOME).toBe(MAC_HOME);
    expect(plan.env.GEMINI_CLI).toBe('1');
    expect(plan.env.PYTHONPATH).toBeUndefined();
    expect(plan.env.MY_KEY).toBe('k');
    expect(plan.timeoutMs).toBe(5000);
    expect(geminiRedacts('GITHUB_PERSONAL_ACCESS_TOKEN', 'x')).toBe(true);
    expect(geminiRedacts('EDITOR', 'ghp_' + 'a'.repeat(36))).toBe(true);
    expect(geminiRedacts('GEMINI_CLI_HOME', '/x')).toBe(false);
  });

  it('Claude Desktop on Windows: the user PATH and PATHEXT find npx.cmd; cwd is the app folder', () => {
    const host = fakeHost({
      platform: 'win32',
      homedir: 'C:\\Users\\ann',
      cwd: 'C:\\Users\\ann\\proj',
      env: {
        Path: 'C:\\Program Files\\nodejs;C:\\Windows\\System32',
        PATHEXT: '.COM;.EXE;.BAT;.CMD',
        LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local',
        USERPROFILE: 'C:\\Users\\ann',
        SECRET: 'x',
      },
      files: { 'C:\\Program Files\\nodejs\\npx.cmd': '@echo off' },
      dirs: [
        'C:\\Users\\ann\\AppData\\Local\\AnthropicClaude\\app-0.9.3',
        'C:\\Users\\ann\\AppData\\Local\\AnthropicClaude\\app-0.12.28',
      ],
    });
    const plan = planLaunch(stdioEntry('npx', ['-y', 'pkg']), 'claude-desktop', host);
    expect(plan.resolved?.toLowerCase()).toBe('c:\\program files\\nodejs\\npx.cmd');
    expect(plan.env.PATH).toBe('C:\\Program Files\\nodejs;C:\\Windows\\System32');
    expect(plan.env.USERPROFILE).toBe('C:\\Users\\ann');
    expect(plan.env.SECRET).toBeUndefined();
    expect(plan.cwd).toBe('C:\\Users\\ann\\AppData\\Local\\AnthropicClaude\\app-0.12.28');
    expect(clientCwd('claude-code', host)).toBe('C:\\Users\\ann\\proj');
  });

  it('Linux: a command only on the shell PATH is found by Claude Code, not by Claude Desktop', () => {
    const root = makeTempDir('doctor-env');
    const bin = join(root, 'tools', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'only-in-shell'), '#!/bin/sh\necho hi\n');
    chmodSync(join(bin, 'only-in-shell'), 0o755);
    const host = createDoctorHost({
      platform: 'linux',
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: root },
      homedir: root,
      cwd: root,
    });
    const entry = stdioEntry('only-in-shell');
    expect(planLaunch(entry, 'claude-code', host).resolved).toBe(join(bin, 'only-in-shell'));
    const desktop = planLaunch(entry, 'claude-desktop', host);
    expect(desktop.resolved).toBeUndefined();
    expect(desktop.shellResolved).toBe(join(bin, 'only-in-shell'));
    expect(desktop.cwd).toBe('/');
    expect(desktop.env.PATH).not.toContain(bin);
  });

  it("Linux desktop session: ~/.local/bin is on the app's PATH when it exists", () => {
    const host = fakeHost({
      platform: 'linux',
      homedir: '/home/ann',
      cwd: '/home/ann',
      dirs: ['/home/ann/.local/bin'],
    });
    expect(clientPath('claude-desktop', host).dirs[0]).toBe('/home/ann/.local/bin');
    expect(clientPath('claude-desktop', host).dirs).not.toContain('/home/ann/bin');
  });

  it("an entry's PATH replaces the client's", () => {
    const plan = planLaunch(
      stdioEntry('npx', [], { env: { PATH: `${nvm('v22.12.0')}:/usr/bin` } }),
      'claude-desktop',
      macWithNvm(),
    );
    expect(plan.resolved).toBe(`${nvm('v22.12.0')}/npx`);
  });
});
