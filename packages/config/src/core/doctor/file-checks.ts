// The client's config files: which it reads (every candidate), whether they exist, parse as
// the client parses them (line:column, with hints for the usual mistakes), and still hold
// servers.
import type { ClientId, ConfigCandidate } from '@mcpkit/shared/client-paths';
import { pathFor, resolveConfigCandidates } from '@mcpkit/shared/client-paths';
import { ConfigError } from '@mcpkit/shared/config-text';
import { parseServerEntries } from '@mcpkit/shared/server-entries';
import { CLIENT_NAMES } from './names.js';
import type { DoctorHost } from './host.js';
import type { Finding, FindingLocation } from './types.js';

/** Options of {@link checkConfigFiles}. */
export interface CheckConfigFilesOptions {
  /** Check this file instead of the client's own locations (`--config`). */
  configFile?: string;
  /** Earlier versions of a file (backups), newest first, as text. */
  history?: (file: string) => Iterable<string>;
}

/** What {@link checkConfigFiles} found, and the files that parsed, for the entry checks. */
export interface CheckConfigFilesResult {
  /** What was found about the files, the passing checks included. */
  findings: Finding[];
  /** Candidates that exist and parse, with their text, in the client's lookup order. */
  readable: { candidate: ConfigCandidate; text: string }[];
}

// Backups looked at for servers that disappeared: the recent ones are enough.
const MAX_HISTORY = 20;

/** Checks the files `client` reads its servers from (see the file comment). */
export function checkConfigFiles(
  client: ClientId,
  host: DoctorHost,
  options: CheckConfigFilesOptions = {},
): CheckConfigFilesResult {
  const name = CLIENT_NAMES[client];
  const findings: Finding[] = [];
  const readable: CheckConfigFilesResult['readable'] = [];
  const candidates = options.configFile
    ? [configFileCandidate(client, options.configFile, host)]
    : resolveConfigCandidates({
        client,
        platform: host.platform,
        env: host.env,
        homedir: host.homedir,
        cwd: host.cwd,
        exists: (f) => host.exists(f),
        listDir: (d) => host.listDir(d),
        readText: (f) => host.readText(f),
      });
  const existing = candidates.filter((c) => c.exists);
  if (existing.length === 0) {
    findings.push({
      code: 'no-config-file',
      severity: 'error',
      message: `no ${name} config file: looked for ${candidates.map((c) => c.file).join(', ')}`,
      why: `${name} starts no server without one`,
      fix: 'add a server with: mcp-config add <name> -- <command> [args…]',
    });
    return { findings, readable };
  }
  findings.push(...checkMsixShadow(client, host, candidates));

  const texts = new Map<string, string | undefined>();
  let servers = 0;
  const emptied: Finding[] = [];
  for (const candidate of existing) {
    const file = candidate.file;
    const first = !texts.has(file);
    if (first) texts.set(file, host.readText(file));
    const text = texts.get(file);
    if (text === undefined) {
      if (first) {
        findings.push({
          code: 'unreadable-config',
          severity: 'error',
          message: `cannot read ${file}`,
          why: `${name} cannot read it either, or it is not a regular file`,
          fix: `check the file's permissions: ls -l ${JSON.stringify(file)}`,
          location: { file },
        });
      }
      continue;
    }
    if (first) {
      findings.push({
        code: 'config-file',
        severity: 'info',
        message: `reads ${file} (${candidate.label})`,
        location: { file },
      });
    }
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom && first && client === 'claude-desktop') {
      findings.push({
        code: 'invalid-json',
        severity: 'error',
        message: `${file} starts with a UTF-8 byte-order mark (BOM), which Claude Desktop cannot parse`,
        why: 'Claude Desktop rejects the file, falls back to no servers and may rewrite it without "mcpServers" (PowerShell 5.1\'s Set-Content -Encoding UTF8 writes a BOM)',
        fix: 'save it as UTF-8 without BOM (PowerShell: [IO.File]::WriteAllText($path, $text, [Text.UTF8Encoding]::new($false)))',
        location: { file, line: 1, column: 1 },
      });
    }
    let count: number;
    try {
      const result = parseServerEntries(text, client, {
        file,
        scope: candidate.scope,
        cwd: candidate.projectKey ?? host.cwd,
      });
      count = result.entries.length + result.invalid.length;
      for (const bad of result.invalid) findings.push(invalidEntry(bad.name, bad.error, file));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (first) findings.push(invalidJson(error, text, candidate, client));
      continue;
    }
    if (first && !(bom && client === 'claude-desktop')) {
      findings.push({
        code: 'json-valid',
        severity: 'ok',
        message: `${file} is valid ${candidate.allowJsonc ? 'JSONC' : 'JSON'}`,
        location: { file },
      });
    }
    readable.push({ candidate, text });
    servers += count;
    if (count === 0 && options.history) {
      const earlier = serversInHistory(options.history(file), client, candidate, host);
      if (earlier > 0) {
        emptied.push({
          code: 'servers-emptied',
          severity: 'warning',
          message: `${candidate.label}: no servers now, but an earlier version of ${file} had ${earlier}`,
          why: `${name} can rewrite its config (after a parse error or a settings change) and drop "mcpServers"`,
          fix: `mcp-config restore --client ${client} (mcp-config backup list shows the backups, newest first)`,
          location: { file },
        });
      }
    }
  }
  findings.push(...emptied);
  if (servers === 0 && emptied.length === 0 && readable.length > 0) {
    findings.push({
      code: 'no-servers',
      severity: 'warning',
      message: `${name}'s config defines no servers`,
      fix: 'add one with: mcp-config add <name> -- <command> [args…]',
      location: { file: readable[0]!.candidate.file },
    });
  }
  return { findings, readable };
}

/** The Microsoft Store build reads its own virtualised copy; a classic file beside it is ignored. */
function checkMsixShadow(
  client: ClientId,
  host: DoctorHost,
  candidates: readonly ConfigCandidate[],
): Finding[] {
  if (client !== 'claude-desktop' || host.platform !== 'win32') return [];
  const msix = candidates.filter((c) => c.exists && /Microsoft Store/.test(c.label));
  const classic = candidates.find((c) => c.exists && !/Microsoft Store/.test(c.label));
  if (msix.length === 0 || classic === undefined) return [];
  return [
    {
      code: 'desktop-msix-shadow',
      severity: 'warning',
      message: `two Claude Desktop config files: ${msix[0]!.file} (Microsoft Store install) and ${classic.file} (classic)`,
      why: 'the Store app reads only its virtualised copy under Packages, so edits to the %APPDATA% file do nothing for it',
      fix: `edit ${msix[0]!.file} (mcp-config does by default), and remove the other file if no classic install uses it`,
      location: { file: classic.file },
    },
  ];
}

function invalidEntry(name: string, error: ConfigError, file: string): Finding {
  return {
    code: 'invalid-entry',
    severity: 'error',
    message: `server ${JSON.stringify(name)}: ${error.reason}`,
    why: 'the client skips an entry it cannot read (Claude Desktop: "not valid MCP server configurations")',
    fix: 'correct the entry, or re-add it with: mcp-config add',
    location: toLocation(error, file),
  };
}

/** A parse error, with the hint for the usual cause when the text shows it. */
function invalidJson(
  error: ConfigError,
  text: string,
  candidate: ConfigCandidate,
  client: ClientId,
): Finding {
  const offset = error.location?.offset;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = offset === undefined ? '' : body.slice(Math.max(0, offset - 2), offset + 2);
  let fix = 'correct the file at that position (mcp-config never rewrites an invalid file)';
  if (error.code === 'trailing-comma') fix = 'remove the comma before the closing bracket';
  else if (error.code === 'duplicate-key')
    fix = 'keep one of the two: rename or delete the other (the client keeps only the last)';
  else if (error.code === 'comment')
    fix = `remove the comment: ${CLIENT_NAMES[client]} reads ${pathFor('linux').basename(candidate.file.replace(/\\/g, '/'))} as strict JSON`;
  else if (/escape/.test(error.reason) || at.includes('\\'))
    fix =
      'a Windows path needs each backslash doubled in JSON: write "C:\\\\Users\\\\…" or use forward slashes "C:/Users/…"';
  return {
    code: 'invalid-json',
    severity: 'error',
    message: error.reason,
    why: `${CLIENT_NAMES[client]} cannot read the file, so it starts none of its servers`,
    fix,
    location: toLocation(error, candidate.file),
  };
}

function toLocation(error: ConfigError, file: string): FindingLocation {
  return error.location
    ? { file, line: error.location.line, column: error.location.column }
    : { file };
}

/** Servers in the newest earlier version that had any (0 when none did). */
function serversInHistory(
  versions: Iterable<string>,
  client: ClientId,
  candidate: ConfigCandidate,
  host: DoctorHost,
): number {
  let seen = 0;
  for (const text of versions) {
    if (++seen > MAX_HISTORY) break;
    try {
      const result = parseServerEntries(text, client, {
        file: candidate.file,
        scope: candidate.scope,
        cwd: candidate.projectKey ?? host.cwd,
      });
      const count = result.entries.length + result.invalid.length;
      if (count > 0) return count;
    } catch {
      // A backup that does not parse tells nothing.
    }
  }
  return 0;
}

/** `--config FILE`: read as the client's user file. */
function configFileCandidate(client: ClientId, file: string, host: DoctorHost): ConfigCandidate {
  return {
    client,
    scope: 'user',
    file,
    label: 'the file given with --config',
    exists: host.exists(file),
    serversPath: [client === 'vscode' ? 'servers' : 'mcpServers'],
    allowJsonc: client === 'vscode' || client === 'gemini-cli',
  };
}
