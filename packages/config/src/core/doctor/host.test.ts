import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../../test/support/paths.js';
import { createDoctorHost } from './host.js';

describe('the real doctor host', () => {
  const dir = makeTempDir('doctor-host');
  const host = createDoctorHost({ platform: 'linux', env: {}, homedir: dir, cwd: dir });

  it('reads a config with its BOM, and only the head of a script', () => {
    writeFileSync(join(dir, 'c.json'), '\uFEFF{}');
    expect(host.readText(join(dir, 'c.json'))).toBe('\uFEFF{}');
    writeFileSync(join(dir, 's'), '#!/usr/bin/env node\n' + 'x'.repeat(10_000));
    expect(host.readHead(join(dir, 's'), 20)).toBe('#!/usr/bin/env node\n');
    expect(host.readText(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('never blocks on a FIFO', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(host.readHead(fifo, 10)).toBeUndefined();
    expect(host.readText(fifo)).toBeUndefined();
  });

  it('tells executables, lists folders, and treats a missing folder as empty', () => {
    writeFileSync(join(dir, 'run'), '#!/bin/sh\n');
    chmodSync(join(dir, 'run'), 0o755);
    expect(host.isExecutable(join(dir, 'run'))).toBe(true);
    expect(host.isExecutable(join(dir, 'c.json'))).toBe(false);
    expect(host.listDir(dir)).toContain('run');
    expect(host.listDir(join(dir, 'nope'))).toEqual([]);
    expect(host.exists(join(dir, 'run'))).toBe(true);
  });
});
