// Reading the servers of a client's files: only the commands that list or look up entries
// load the entry parser (add does not).
import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import { ConfigError } from '@mcpkit/shared/config-text';
import { parseServerEntries, type ServerEntriesResult } from '@mcpkit/shared/server-entries';
import type { CommandContext } from './context.js';

/** Reads the servers of one candidate file; undefined when the file does not exist. */
export function readEntries(
  candidate: ConfigCandidate,
  context: CommandContext,
): ServerEntriesResult | undefined {
  const text = readConfigText(candidate.file, context);
  if (text === undefined) return undefined;
  return parseServerEntries(text, context.client, {
    file: candidate.file,
    scope: candidate.scope,
    cwd: candidate.projectKey ?? context.io.cwd,
  });
}

/** A config file's text, undefined when missing; unreadable files are a failure. */
export function readConfigText(file: string, context: CommandContext): string | undefined {
  try {
    return context.fs.readText(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('read-failed', file, `cannot read the file: ${(error as Error).message}`);
  }
}
