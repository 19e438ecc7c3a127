import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import { maskSecrets, maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeText } from '@mcpkit/shared/sanitize';
import { isExecutableFile } from '@mcpkit/shared/which';
import { addServer } from '../core/edit.js';
import { editErrorCode } from '../core/errors.js';
import { buildEntry, type LocalMachine } from '../entry/build-entry.js';
import { parseEnvFlags, parseHeaderFlags, parseUrlFlag } from '../entry/entry-args.js';
import { EXIT, usageError } from '../errors.js';
import { localServersPath } from '../target/project-key.js';
import { CLIENT_NAMES, writeTarget } from '../target/targets.js';
import { changeConfig, printDryRun, printWritten } from './change.js';
import { createContext, type CommandContext, type CommandIo, type GlobalFlags } from './context.js';

/** This machine for building entries: PATH lookups and existence checks. */
export function hostMachine(io: CommandIo): LocalMachine {
  return {
    platform: io.platform,
    env: io.env,
    homedir: io.homedir,
    cwd: io.cwd,
    exists: (file) => existsSync(file),
    isExecutable: (file) => isExecutableFile(file, io.platform),
    readHead: (file) => {
      try {
        // Non-blocking, and regular files only: a FIFO or a device given as the command
        // must not hang or flood the peek at its first line.
        const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
        try {
          if (!fstatSync(fd).isFile()) return '';
          const buffer = Buffer.alloc(256);
          return buffer.toString('utf8', 0, readSync(fd, buffer, 0, 256, 0));
        } finally {
          closeSync(fd);
        }
      } catch {
        return '';
      }
    },
  };
}

/** The servers path to edit in `text`: Claude Code's local scope keys its section by folder. */
export function serversPathIn(
  text: string,
  target: ConfigCandidate,
  context: CommandContext,
): string[] {
  if (target.client === 'claude-code' && target.scope === 'local') {
    return localServersPath(text, target.projectKey ?? context.io.cwd, context.platform);
  }
  return [...target.serversPath];
}

/** `mcp-config add NAME -- command args...` and `mcp-config add NAME --url URL`. */
export async function runAdd(
  name: string,
  command: string[],
  flags: GlobalFlags,
  io: CommandIo,
): Promise<number> {
  const context = createContext(flags, io);
  if (name.trim() === '') throw usageError('The server name is empty.');
  const target = writeTarget(context.target);
  const built = buildEntry({
    client: context.client,
    scope: target.scope,
    command,
    url: flags.url === undefined ? undefined : parseUrlFlag(flags.url),
    headers: parseHeaderFlags(flags.header ?? []),
    env: parseEnvFlags(flags.env ?? [], io.env),
    platform: context.platform,
    resolveCommand: flags.resolve !== false,
    machine: hostMachine(io),
  });
  let replaced = false;
  const result = await changeConfig(target.file, context, (text) => {
    const options = {
      serversPath: serversPathIn(text, target, context),
      name,
      entry: built.entry,
      file: target.file,
      allowJsonc: target.allowJsonc,
    };
    try {
      return addServer(text, options);
    } catch (error) {
      if (flags.force !== true || editErrorCode(error) !== 'exists') throw error;
      replaced = true;
      return addServer(text, { ...options, force: true });
    }
  });
  const shownText = (text: string) =>
    sanitizeText(flags.showSecrets ? text : maskSecretsInText(text));
  for (const note of built.notes) io.stdout(`${shownText(note)}\n`);
  for (const warning of built.warnings) io.stderr(`${shownText(warning)}\n`);
  if (flags.dryRun) {
    await printDryRun(result, context);
    return EXIT.ok;
  }
  const client = CLIENT_NAMES[context.client];
  printWritten(
    `${replaced ? 'Replaced' : 'Added'} "${name}" (${target.scope} scope) in`,
    result,
    context,
  );
  const shown = flags.showSecrets ? built.entry : maskSecrets(built.entry);
  io.stdout(`${JSON.stringify({ [name]: shown }, null, 2)}\n`);
  if (context.client === 'claude-desktop' || context.client === 'cursor') {
    io.stdout(`Restart ${client} to load it.\n`);
  } else if (context.client === 'windsurf') {
    io.stdout('Press refresh in the MCP servers panel of Windsurf to load it.\n');
  }
  return EXIT.ok;
}
