import { backupDirFor, readConfigFile, updateConfigFile } from '../core/write.js';
import { hostPathOf, type CommandContext } from './context.js';

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
 * Applies `update` to a config file: with --dry-run it only reads and computes; otherwise
 * under the lock, atomically, with a backup of the previous content.
 */
export async function changeConfig(
  file: string,
  context: CommandContext,
  update: (text: string, exists: boolean) => string,
): Promise<ChangeResult> {
  if (context.flags.dryRun) {
    const host = context.fs.host(file);
    const { text, exists } = host ? await readConfigFile(host) : { text: '', exists: false };
    const newText = update(text, exists);
    return { file, oldText: text, newText, changed: newText !== text, created: !exists };
  }
  const host = hostPathOf(file, context);
  const result = await updateConfigFile(host, update, { backupDir: backupDirOf(host, context) });
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
