// The servers a doctor run looks at: the entries the client would use, in its lookup order
// (a name defined in two files is the first file's), the invalid ones, and how each is shown.
import type { ClientId, ConfigCandidate } from '@mcpkit/shared/client-paths';
import { maskArg, maskUrl } from '@mcpkit/shared/mask';
import {
  parseServerEntries,
  type InvalidServerEntry,
  type ServerEntry,
} from '@mcpkit/shared/server-entries';
import type { Finding, ServerReport } from './types.js';

/** A config file the client reads, with its text (files that could not be read are left out). */
export interface ReadableFile {
  candidate: ConfigCandidate;
  text: string;
}

export interface Used {
  entry: ServerEntry;
  file: ReadableFile;
  /** Files read after this one that define the same name (the client ignores those). */
  shadows: string[];
}

/** The entries the client would use, in lookup order (the first file defining a name wins). */
export function entriesOf(
  readable: ReadableFile[],
  options: { client: ClientId; expand: { cwd: string } },
): { used: Used[]; invalid: { entry: InvalidServerEntry; file: ReadableFile }[]; names: string[] } {
  const used = new Map<string, Used>();
  const invalid: { entry: InvalidServerEntry; file: ReadableFile }[] = [];
  const seen = new Set<string>();
  for (const file of readable) {
    let result;
    try {
      result = parseServerEntries(file.text, options.client, {
        file: file.candidate.file,
        scope: file.candidate.scope,
        cwd: file.candidate.projectKey ?? options.expand.cwd,
      });
    } catch {
      continue; // the file checks report why it does not parse
    }
    for (const entry of result.entries) {
      const first = used.get(entry.name);
      if (first) first.shadows.push(entry.location.file);
      else if (!seen.has(entry.name)) used.set(entry.name, { entry, file, shadows: [] });
      seen.add(entry.name);
    }
    for (const entry of result.invalid) {
      if (!seen.has(entry.name)) invalid.push({ entry, file });
      seen.add(entry.name);
    }
  }
  return { used: [...used.values()], invalid, names: [...seen] };
}

export function shadowFindings(shadows: string[]): Finding[] {
  return shadows.map((file) => ({
    code: 'shadowed-entry',
    severity: 'info' as const,
    message: `also defined in ${file}, which the client ignores (this entry wins)`,
  }));
}

export function invalidReport(
  entry: InvalidServerEntry,
  file: ReadableFile,
  client: ClientId,
): ServerReport {
  const location = entry.error.location;
  const findings: Finding[] = [
    {
      code: 'invalid-entry',
      severity: 'error',
      message: entry.error.reason,
      why: 'the client skips an entry it cannot read, so this server never starts',
      fix: 'correct the entry (mcp-config get shows the others), or add it again with mcp-config add --force',
      location: {
        file: file.candidate.file,
        ...(location ? { line: location.line, column: location.column } : {}),
      },
    },
  ];
  return {
    name: entry.name,
    client,
    location: {
      file: file.candidate.file,
      ...(location ? { line: location.line, column: location.column } : {}),
    },
    scope: file.candidate.scope,
    transport: 'stdio',
    summary: '(invalid entry)',
    findings,
    status: 'fail',
  };
}

/** The command line or URL, masked. */
export function summaryOf(entry: ServerEntry): string {
  if (entry.transport !== 'stdio') return `${entry.transport} ${maskUrl(entry.url)}`;
  const args = entry.args.map((arg, i) => maskArg(arg, entry.args[i - 1]));
  return [entry.command, ...args].map(quoteIfNeeded).join(' ');
}

function quoteIfNeeded(word: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(word) ? word : JSON.stringify(word);
}
