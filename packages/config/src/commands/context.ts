import type { ClientId, ConfigScope } from '@mcpkit/shared/client-paths';
import { ConfigError } from '@mcpkit/shared/config-text';
import { CliError, EXIT, failure } from '../errors.js';
import { reportError } from './report-error.js';
import { createTargetFs, type TargetFs } from '../target/host-fs.js';
import { guessClient } from '@mcpkit/shared/guess-client';
import type { TargetOptions } from '../target/targets.js';

export { reportError } from './report-error.js';

/** Options as commander hands them over; each command uses its own subset. */
export interface GlobalFlags {
  client?: ClientId;
  config?: string;
  scope?: ConfigScope;
  platform?: 'darwin' | 'win32' | 'linux';
  json?: boolean;
  showSecrets?: boolean;
  dryRun?: boolean;
  url?: string;
  header?: string[];
  env?: string[];
  force?: boolean;
  /** false with --no-resolve. */
  resolve?: boolean;
  /** --allow-read-only: write a config file whose mode has no write bit (keeping its mode). */
  allowReadOnly?: boolean;
  /** doctor --fix: apply the safe fixes. */
  fix?: boolean;
  /** doctor --fix --yes: without asking. */
  yes?: boolean;
  /** doctor --timeout, in seconds as typed. */
  timeout?: string;
}

/** The world outside main(): output streams and everything OS-related. */
export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Environment of this shell (PATH, APPDATA, values for `--env KEY`…). */
  env: Readonly<Record<string, string | undefined>>;
  /** Current directory: the project for project-scope files. */
  cwd: string;
  /** Home directory of the user. */
  homedir: string;
  /** This machine's platform; --platform computes paths for another. */
  platform: NodeJS.Platform;
  /** Whether stdout is a terminal (colours are used only there). */
  stdoutIsTTY?: boolean;
  /**
   * Calls `listener` once on Ctrl-C (SIGINT), SIGTERM, or when stdout goes away; returns a
   * function that stops listening. For commands that run until stopped (`logs -f`).
   */
  onStop?: (listener: (reason: StopReason) => void) => () => void;
  /** Asks a question on the terminal and resolves to the answer; absent without a terminal. */
  ask?: (question: string) => Promise<string | undefined>;
}

/** Why a long-running command was asked to stop. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'closed';

/** The outside world of a command. */
export interface CommandIo extends MainIo {
  version: string;
}

/** What every command works from: the client, the target platform and file access. */
export interface CommandContext {
  client: ClientId;
  platform: NodeJS.Platform;
  fs: TargetFs;
  /** Inputs for target/targets.ts. */
  target: TargetOptions;
  io: CommandIo;
  flags: GlobalFlags;
}

/** Works out client, platform and paths from the flags. */
export function createContext(flags: GlobalFlags, io: CommandIo): CommandContext {
  const client = flags.client ?? (flags.config ? guessClient(flags.config) : 'claude-desktop');
  const platform = flags.platform ?? io.platform;
  const fs = createTargetFs(platform, io.platform);
  return {
    client,
    platform,
    fs,
    target: {
      client,
      scope: flags.scope,
      config: flags.config,
      platform,
      env: io.env,
      homedir: io.homedir,
      cwd: io.cwd,
      fs,
    },
    io,
    flags,
  };
}

/** The host path of a target file, or a failure explaining why it cannot be written here. */
export function hostPathOf(file: string, context: CommandContext): string {
  const host = context.fs.host(file);
  if (host === undefined) {
    throw failure(
      `${file} is a ${context.platform} path, which does not exist on this machine.`,
      'Run the command on that machine, add --dry-run to see the change, or pass --config FILE.',
    );
  }
  return host;
}

const HINTS: Record<string, string> = {
  'not-found': 'Check the path, or run mcp-config path to see where the client looks.',
  'read-failed': 'Check the file and its permissions.',
  'unknown-server': 'Run mcp-config list to see the servers.',
  exists: 'mcp-config get NAME shows the entry there now.',
  'read-only': 'Check the permissions of the file and its folder.',
  'read-only-file':
    'Add --allow-read-only to change it anyway (its mode stays as it is), or make it writable (chmod u+w).',
  locked: 'Another program is writing this file; try again in a moment.',
  changed: 'Nothing was changed; another program keeps rewriting the file. Try again in a moment.',
  'not-a-file': 'Point --config (or the link) at the JSON file itself.',
  'too-large': 'Check that this is the right file; a config file is at most a few MB.',
  'write-failed': 'Nothing was changed; check the disk and the permissions.',
  unsupported: 'Run mcp-config get NAME to see the entry.',
};
const INVALID_FILE_HINT =
  'The file was not changed. Fix it by hand (older copies: mcp-config backup list) and run the command again.';

/** Turns anything thrown into an error with a hint and an exit code. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ConfigError) {
    return new CliError(EXIT.failure, error.message, HINTS[error.code] ?? INVALID_FILE_HINT, {
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return failure((error as Error).message, HINTS['read-only']);
  }
  return new CliError(
    EXIT.failure,
    error instanceof Error ? error.message : String(error),
    undefined,
    {
      cause: error,
    },
  );
}

/** Runs a command, turning anything it throws into an error line, a hint and an exit code. */
export async function runCommand(
  flags: GlobalFlags,
  io: CommandIo,
  action: (io: CommandIo) => Promise<number>,
): Promise<number> {
  try {
    return await action(io);
  } catch (error) {
    return reportError(toCliError(error), flags, io);
  }
}
