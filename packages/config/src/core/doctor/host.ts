// What doctor's static checks need from the machine, in one interface, so that tests pass
// fakes for macOS and Windows on Linux and the checks never touch process.* or node:os.
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  readdirSync,
} from 'node:fs';
import { readConfigTextSync } from '@mcpkit/shared/read-config-file';
import { isExecutableFile } from '@mcpkit/shared/which';

/** What doctor needs from the machine; tests pass fakes to cover macOS and Windows on Linux. */
export interface DoctorHost {
  /** The platform the client runs on. */
  platform: NodeJS.Platform;
  /** The environment of the shell doctor runs in (not the client's: see client-env.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder. */
  homedir: string;
  /** The folder doctor runs in: the project folder for Claude Code and the editors. */
  cwd: string;
  /** Whether `file` is a regular file this user may run. */
  isExecutable(file: string): boolean;
  /** Whether a file or folder exists. */
  exists(file: string): boolean;
  /** The names in a folder; `[]` when it is missing or unreadable. */
  listDir(dir: string): string[];
  /**
   * A config file's text, BOM kept (bounded: a file over the config size limit, a FIFO or a
   * device is not read); undefined when missing or unreadable.
   */
  readText(file: string): string | undefined;
  /** The first `bytes` bytes of a regular file as UTF-8 (a script's `#!` line); undefined when unreadable. */
  readHead(file: string, bytes: number): string | undefined;
}

/** Where {@link createDoctorHost} runs: passed in by the command, never read here. */
export interface DoctorHostIo {
  /** `process.platform`. */
  platform: NodeJS.Platform;
  /** `process.env`. */
  env: Readonly<Record<string, string | undefined>>;
  /** `os.homedir()`. */
  homedir: string;
  /** `process.cwd()`. */
  cwd: string;
}

/** A {@link DoctorHost} on the real file system. */
export function createDoctorHost(io: DoctorHostIo): DoctorHost {
  return {
    platform: io.platform,
    env: io.env,
    homedir: io.homedir,
    cwd: io.cwd,
    isExecutable: (file) => isExecutableFile(file, io.platform),
    exists: (file) => existsSync(file),
    listDir: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    readText: (file) => {
      try {
        return readConfigTextSync(file);
      } catch {
        return undefined;
      }
    },
    readHead: (file, bytes) => readHead(file, bytes),
  };
}

/** The first `max` bytes of a regular file as UTF-8; undefined when it cannot be read. */
function readHead(file: string, max: number): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking open, then only regular files: a FIFO named like a config must not hang.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return undefined;
    const size = Math.min(stat.size, max);
    const buffer = Buffer.alloc(size);
    let length = 0;
    while (length < size) {
      const n = readSync(fd, buffer, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
