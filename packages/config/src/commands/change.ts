import { checkNesting } from '@mcpkit/shared/config-text';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { backupDirFor, backupHistory, readConfigFile, updateConfigFile } from '../core/write.js';
import type { WriteStep } from '../core/write.js';
import { hostPathOf, type CommandContext } from './context.js';

/**
 * Test seam: `MCPKIT_TEST_CRASH_AT=<step>` ends the process with SIGKILL at that step of a
 * write (see {@link WriteStep}), as a crash or `kill -9` would at that moment.
 */
const CRASH_AT = 'MCPKIT_TEST_CRASH_AT';

/** What a change did, or would do with --dry-run. */
export interface ChangeResult {
  /** The file, as the client names it. */
  file: string;
  oldText: string;
  newText: string;
  /** Whether the text changed. */
  changed: boolean;
  /** Whether the file was (or would be) created. */
  created: boolean;
  /** Backup of the previous content, when one was written. */
  backup?: string;
}

/** The folder holding a config file's backups (core/write.ts decides the layout). */
export function backupDirOf(hostFile: string, context: CommandContext): string {
  return backupDirFor({ homedir: context.io.homedir, file: hostFile });
}

/**
 * The earlier versions of a config file, newest first, from its intact backups; read lazily,
 * one backup at a time (core/edit.ts's removeServer uses them as its history).
 */
export function historyOf(file: string, context: CommandContext): Iterable<string> {
  const host = context.fs.host(file);
  if (host === undefined) return [];
  // Backups are named after the file a symlink points to.
  const real = existsSync(host) ? realpathSync(host) : host;
  const dir = backupDirOf(host, context);
  return { [Symbol.iterator]: () => backupHistory(dir, path.basename(real)) };
}

/**
 * Applies `update` to a config file: with --dry-run it only reads and computes; otherwise
 * under the lock, atomically, with a backup of the previous content.
 */
export async function changeConfig(
  file: string,
  context: CommandContext,
  update: (text: string, exists: boolean) => string,
): Promise<ChangeResult> {
  // Guards the recursive parsers that the update may call before parseConfigText does.
  const guarded = (text: string, exists: boolean) => {
    checkNesting(text, file);
    return update(text, exists);
  };
  if (context.flags.dryRun) {
    const host = context.fs.host(file);
    const { text, exists } = host ? await readConfigFile(host) : { text: '', exists: false };
    const newText = guarded(text, exists);
    return { file, oldText: text, newText, changed: newText !== text, created: !exists };
  }
  const host = hostPathOf(file, context);
  const crashAt = context.io.env[CRASH_AT] as WriteStep | undefined;
  const result = await updateConfigFile(host, guarded, {
    backupDir: backupDirOf(host, context),
    allowReadOnly: context.flags.allowReadOnly === true,
    ...(crashAt
      ? {
          onStep: (step: WriteStep) => {
            if (step === crashAt) process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  });
  return {
    file,
    oldText: result.oldText,
    newText: result.newText,
    changed: result.changed,
    created: result.created,
    ...(result.backup ? { backup: result.backup } : {}),
  };
}

/** Prints the diff of a dry run (secrets masked unless --show-secrets). */
export async function printDryRun(result: ChangeResult, context: CommandContext): Promise<void> {
  // The diff library loads only for --dry-run.
  const { unifiedDiff } = await import('../core/diff.js');
  const { io, flags } = context;
  if (!result.changed) {
    io.stdout(`Dry run: ${result.file} would not change.\n`);
    return;
  }
  const diff = unifiedDiff(result.file, result.oldText, result.newText, {
    mask: flags.showSecrets !== true,
  });
  io.stdout(diff);
  if (!diff.endsWith('\n')) io.stdout('\n');
  io.stdout(
    `Dry run: nothing was written${result.created ? ` (${result.file} would be created)` : ''}.\n`,
  );
}

/** Prints where a change was written and where the previous content went. */
export function printWritten(verb: string, result: ChangeResult, context: CommandContext): void {
  const { io } = context;
  if (!result.changed) {
    io.stdout(`${result.file} already had this content; nothing was written.\n`);
    return;
  }
  io.stdout(`${verb} ${result.file}${result.created ? ' (created)' : ''}\n`);
  if (result.backup) io.stdout(`Backup of the previous version: ${result.backup}\n`);
}
