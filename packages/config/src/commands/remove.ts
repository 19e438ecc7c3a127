import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import type { ServerEntriesResult } from '@mcpkit/shared/server-entries';
import { removeServer } from '../core/edit.js';
import { EXIT, usageError } from '../errors.js';
import { readTargets, writeTarget } from '../target/targets.js';
import { serversPathIn } from './add.js';
import { changeConfig, historyOf, printDryRun, printWritten } from './change.js';
import { createContext, type CommandContext, type CommandIo, type GlobalFlags } from './context.js';
import { readEntries } from './entries.js';
import { throwUnknownServer } from './list.js';

/**
 * The file to remove `name` from: --config or --scope when given, else the one file the
 * client reads that defines it.
 */
function findHolder(name: string, context: CommandContext): ConfigCandidate {
  if (context.flags.config !== undefined || context.flags.scope !== undefined) {
    return writeTarget(context.target);
  }
  const files = readTargets(context.target);
  const results: ServerEntriesResult[] = [];
  const holders: ConfigCandidate[] = [];
  for (const candidate of files) {
    const result = readEntries(candidate, context);
    if (!result) continue;
    results.push(result);
    if ([...result.entries, ...result.invalid].some((e) => e.name === name))
      holders.push(candidate);
  }
  const [holder, ...others] = holders;
  if (!holder)
    throwUnknownServer(
      name,
      results,
      files.map((f) => f.file),
    );
  if (others.length > 0) {
    // Two .mcp.json files (this folder and a parent) share a scope: name the files.
    const where = holders.map(
      (h) => `${h.file} (${h.scope} scope${h.parentFolder === true ? ', a parent folder' : ''})`,
    );
    const scopes = [...new Set(holders.map((h) => h.scope))];
    const choices = scopes.length === holders.length ? scopes.map((s) => `--scope ${s}`) : [];
    throw usageError(
      `"${name}" is defined in ${holders.length} files the client reads: ${where.join(', ')}.`,
      `Say which with ${[...choices, '--config <file>'].join(' or ')}.`,
    );
  }
  return holder;
}

/** `mcp-config remove NAME`. */
export async function runRemove(name: string, flags: GlobalFlags, io: CommandIo): Promise<number> {
  const context = createContext(flags, io);
  const target = findHolder(name, context);
  const result = await changeConfig(target.file, context, (text) =>
    removeServer(text, {
      serversPath: serversPathIn(text, target, context),
      name,
      file: target.file,
      allowJsonc: target.allowJsonc,
      history: historyOf(target.file, context),
    }),
  );
  if (flags.dryRun) await printDryRun(result, context);
  else printWritten(`Removed "${name}" (${target.scope} scope) from`, result, context);
  return EXIT.ok;
}
