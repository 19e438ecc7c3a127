// A DoctorHost over an in-memory file tree, for doctor's unit tests on macOS and Windows
// paths (Linux tests use real temp folders and createDoctorHost).
import path from 'node:path';
import type { StdioServerEntry } from '@mcpkit/shared/server-entries';
import { expect } from 'vitest';
import type { DoctorHost } from '../../packages/config/src/core/doctor/host.js';
import type { Finding } from '../../packages/config/src/core/doctor/types.js';

/** One file of the fake tree: its text, and whether it may be run. */
export interface FakeFile {
  text?: string;
  exec?: boolean;
}

/** The machine a fake host stands for. */
export interface FakeHostOptions {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  homedir: string;
  cwd: string;
  /** Files by absolute path; a string is an executable's text. */
  files?: Record<string, FakeFile | string>;
  /** Extra (empty) folders. */
  dirs?: string[];
}

/** A {@link DoctorHost} whose files are `options.files` (parents exist as folders). */
export function fakeHost(options: FakeHostOptions): DoctorHost {
  const p = options.platform === 'win32' ? path.win32 : path.posix;
  const key = (f: string) => {
    const normal = p.normalize(f).replace(/[\\/]+$/, '') || p.sep;
    return options.platform === 'win32' ? normal.toLowerCase() : normal;
  };
  const files = new Map<string, FakeFile>();
  const dirs = new Map<string, Set<string>>();
  const addDir = (dir: string) => {
    for (let d = dir; ; d = p.dirname(d)) {
      if (!dirs.has(key(d))) dirs.set(key(d), new Set());
      const parent = p.dirname(d);
      if (parent === d) break;
      const siblings = dirs.get(key(parent)) ?? new Set<string>();
      siblings.add(p.basename(d));
      dirs.set(key(parent), siblings);
    }
  };
  for (const [file, value] of Object.entries(options.files ?? {})) {
    files.set(key(file), typeof value === 'string' ? { text: value, exec: true } : value);
    addDir(p.dirname(file));
    dirs.get(key(p.dirname(file)))!.add(p.basename(file));
  }
  for (const dir of options.dirs ?? []) addDir(dir);
  return {
    platform: options.platform,
    env: options.env ?? {},
    homedir: options.homedir,
    cwd: options.cwd,
    isExecutable: (f) => files.get(key(f))?.exec === true,
    exists: (f) => files.has(key(f)) || dirs.has(key(f)),
    listDir: (d) => [...(dirs.get(key(d)) ?? [])].sort(),
    readText: (f) => files.get(key(f))?.text,
    readHead: (f, bytes) => files.get(key(f))?.text?.slice(0, bytes),
  };
}

/** A stdio entry as parsed from a config file. */
export function stdioEntry(
  command: string,
  args: string[] = [],
  extra: Partial<StdioServerEntry> = {},
): StdioServerEntry {
  return {
    name: 'srv',
    client: 'claude-desktop',
    scope: 'user',
    raw: { command, args },
    location: { file: '/cfg.json', line: 3, column: 5, offset: 20 },
    transport: 'stdio',
    command,
    args,
    env: {},
    ...extra,
  };
}

/** The home folder of {@link macHost}. */
export const MAC_HOME = '/Users/ann';

/** A Mac with `files` (and `dirs`), PATH `/usr/bin:/bin` plus `env`, in `~/proj`. */
export function macHost(
  files: Record<string, string>,
  env: Record<string, string> = {},
  dirs: string[] = [],
): DoctorHost {
  return fakeHost({
    platform: 'darwin',
    homedir: MAC_HOME,
    cwd: `${MAC_HOME}/proj`,
    env: { PATH: '/usr/bin:/bin', HOME: MAC_HOME, ...env },
    files,
    dirs,
  });
}

/** The codes of `findings`, in order. */
export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** The one finding with `code` (the test fails when there are none or several). */
export function only(findings: readonly Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  expect(found, `${code} in ${codes(findings).join(', ')}`).toHaveLength(1);
  return found[0]!;
}
