import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseConfigText } from '@mcpkit/shared/config-text';
import { decodeConfigBytes, readConfigBytes } from '@mcpkit/shared/read-config-file';
import { checkBackup, listBackups, restoreBackup, type BackupInfo } from '../core/write.js';
import { EXIT, failure } from '../errors.js';
import { writeTarget } from '../target/targets.js';
import { backupDirOf } from './change.js';
import {
  createContext,
  hostPathOf,
  type CommandContext,
  type CommandIo,
  type GlobalFlags,
} from './context.js';
import { readConfigText } from './entries.js';

interface BackupSet {
  /** The config file, as the client names it. */
  file: string;
  /** Its path on this machine. */
  host: string;
  dir: string;
  /** Newest first, each with its state (checked against the checksum in its name). */
  backups: BackupInfo[];
}

async function backupsOf(context: CommandContext): Promise<BackupSet> {
  const target = writeTarget(context.target);
  const host = hostPathOf(target.file, context);
  // Backups are named after the file a symlink points to.
  const real = existsSync(host) ? realpathSync(host) : host;
  const dir = backupDirOf(host, context);
  const backups = await listBackups(dir, path.basename(real), { verify: true });
  return { file: target.file, host, dir, backups };
}

/** `mcp-config backup list`. */
export async function runBackupList(flags: GlobalFlags, io: CommandIo): Promise<number> {
  const context = createContext(flags, io);
  const set = await backupsOf(context);
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        {
          file: set.file,
          backupDir: set.dir,
          backups: set.backups.map((b) => ({
            file: b.file,
            date: b.date.toISOString(),
            size: b.size,
            state: b.state,
          })),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  if (set.backups.length === 0) {
    io.stdout(
      `No backups of ${set.file} yet: mcp-config keeps one before every change it makes.\n`,
    );
    return EXIT.ok;
  }
  io.stdout(`Backups of ${set.file}, newest first:\n`);
  for (const b of set.backups) {
    const mark = b.state === 'damaged' ? '  DAMAGED (content does not match its checksum)' : '';
    io.stdout(`  ${b.date.toISOString()}  ${String(b.size).padStart(7)} bytes  ${b.file}${mark}\n`);
  }
  io.stdout('Put one back with: mcp-config restore [BACKUP] (default: the newest intact one)\n');
  return EXIT.ok;
}

/** `mcp-config restore [BACKUP]`. */
export async function runRestore(
  wanted: string | undefined,
  flags: GlobalFlags,
  io: CommandIo,
): Promise<number> {
  const context = createContext(flags, io);
  const target = writeTarget(context.target);
  const set = await backupsOf(context);
  const backup = pickBackup(wanted, set, io.cwd);
  if (checkBackup(backup) === 'damaged') {
    throw failure(
      `The backup ${backup} is damaged: its content no longer matches the checksum in its name.`,
      'Run mcp-config backup list and pick one that is not marked DAMAGED.',
    );
  }
  const snapshot = readConfigBytes(backup);
  if (!snapshot) throw failure(`The backup ${backup} does not exist.`);
  const text = decodeConfigBytes(backup, snapshot.bytes);
  // A backup that the client would not read is not put back.
  parseConfigText(text, { file: backup, allowJsonc: target.allowJsonc });
  if (flags.dryRun) {
    const current = readConfigText(target.file, context) ?? '';
    const { unifiedDiff } = await import('../core/diff.js');
    const diff = unifiedDiff(target.file, current, text, { mask: flags.showSecrets !== true });
    io.stdout(diff === '' ? `${target.file} already has this content.\n` : diff);
    io.stdout(`Dry run: nothing was written.\n`);
    return EXIT.ok;
  }
  const result = await restoreBackup(set.host, {
    backup,
    backupDir: set.dir,
    allowReadOnly: flags.allowReadOnly === true,
  });
  io.stdout(`Restored ${target.file} from ${backup}\n`);
  if (result.backup) io.stdout(`Backup of the replaced version: ${result.backup}\n`);
  return EXIT.ok;
}

/** The backup named by `wanted`, else the newest one that is not damaged. */
function pickBackup(wanted: string | undefined, set: BackupSet, cwd: string): string {
  if (set.backups.length === 0) {
    throw failure(
      `No backups of ${set.file} yet.`,
      'mcp-config keeps one before every change it makes (see mcp-config backup list).',
    );
  }
  if (wanted === undefined) {
    const intact = set.backups.find((b) => b.state !== 'damaged');
    if (!intact) {
      throw failure(
        `Every backup of ${set.file} is damaged (its content does not match its checksum).`,
        'Run mcp-config backup list to see them; none can be restored safely.',
      );
    }
    return intact.file;
  }
  const asPath = path.resolve(cwd, wanted);
  if (existsSync(asPath)) return asPath;
  const matches = set.backups.filter((b) => path.basename(b.file).includes(wanted));
  const [only, ...more] = matches;
  if (only && more.length === 0) return only.file;
  throw failure(
    matches.length > 1
      ? `"${wanted}" matches ${matches.length} backups.`
      : `No backup of ${set.file} matches "${wanted}".`,
    'Run mcp-config backup list and pass one of the files it shows.',
  );
}
