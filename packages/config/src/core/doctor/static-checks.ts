// The checks doctor makes on one entry without starting anything: can the client start the
// command (command-checks.ts), do its paths hold from the client's folder (path-checks.ts),
// does it get the variables it references, and is it a kind of entry the client runs at all.
import type { ClientId } from '@mcpkit/shared/client-paths';
import type { UnresolvedVariable } from '@mcpkit/shared/expand-variables';
import type {
  RemoteServerEntry,
  ServerEntry,
  StdioServerEntry,
} from '@mcpkit/shared/server-entries';
import { DESKTOP_ENV_NAMES, planLaunch } from './client-env.js';
import { GEMINI_BLOCKED_ENV } from './gemini-env.js';
import { checkCommand } from './command-checks.js';
import { CLIENT_NAMES } from './names.js';
import type { DoctorHost } from './host.js';
import { checkPaths } from './path-checks.js';
import type { Finding, FindingLocation, LaunchPlan } from './types.js';

/** Inputs of {@link checkEntry}. */
export interface CheckEntryInput {
  /** The entry, variables already expanded the way the client expands them. */
  entry: ServerEntry;
  /** How the client would start it; computed with {@link planLaunch} when not given. */
  plan?: LaunchPlan;
  /** References the client would leave unexpanded (from expandEntry). */
  unresolved: UnresolvedVariable[];
  /** The client whose config the entry is in. */
  client: ClientId;
  /** The machine. */
  host: DoctorHost;
}

/**
 * Every static finding about one entry, the passing checks included (`ok`), in the order
 * they matter: the entry's kind, the command, paths, then the environment.
 */
export function checkEntry(input: CheckEntryInput): Finding[] {
  const { entry, client, host } = input;
  const location: FindingLocation = {
    file: entry.location.file,
    line: entry.location.line,
    column: entry.location.column,
  };
  const findings: Finding[] = [];
  if (entry.transport !== 'stdio') {
    findings.push(...checkRemote(entry, client, location));
  } else {
    const plan = input.plan ?? planLaunch(entry, client, host);
    findings.push(...checkCommand({ entry, plan, client, host, location }));
    findings.push(...checkPaths({ entry, plan, client, host, location }));
    findings.push(...checkStdioEnv(entry, client, host, location));
  }
  findings.push(...checkUnresolved(input.unresolved, client, location));
  if (client === 'claude-desktop') findings.push(...checkLiteralReferences(entry, location));
  return findings;
}

/** Claude Desktop's config file starts stdio servers only. */
function checkRemote(
  entry: RemoteServerEntry,
  client: ClientId,
  location: FindingLocation,
): Finding[] {
  if (client !== 'claude-desktop') return [];
  let local = false;
  try {
    local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(
      new URL(entry.url).hostname,
    );
  } catch {
    // An unparsable URL: the generic advice below still holds.
  }
  const bridge = `"command": "npx", "args": ["-y", "mcp-remote", "<the url>"]`;
  return [
    {
      code: 'desktop-remote-entry',
      severity: 'error',
      message: `${entry.transport === 'sse' ? 'an SSE' : 'a remote'} (url) entry, which Claude Desktop's config file does not run`,
      why: 'claude_desktop_config.json starts local stdio servers only; Claude Desktop skips url entries as "not valid MCP server configurations"',
      fix: local
        ? `a local URL cannot be a connector (those must be reachable from the internet): bridge it with ${bridge}`
        : `add it in Claude Desktop under Settings → Connectors → Add custom connector, or bridge it with ${bridge}`,
      location,
    },
  ];
}

/** The entry's env: empty values, what the client drops, and what it passes at all. */
function checkStdioEnv(
  entry: StdioServerEntry,
  client: ClientId,
  host: DoctorHost,
  location: FindingLocation,
): Finding[] {
  const findings: Finding[] = [];
  const keys = Object.keys(entry.env);
  for (const key of keys) {
    if (entry.env[key]!.trim() === '') {
      findings.push({
        code: 'env-empty',
        severity: 'warning',
        message: `env.${key} is empty`,
        why: 'the server gets the variable set to nothing, which most servers treat as missing',
        fix: `set a value for ${key}, or remove it`,
        location,
      });
    }
  }
  if (client === 'gemini-cli') {
    for (const key of keys.filter((k) => GEMINI_BLOCKED_ENV.has(k.toUpperCase()))) {
      findings.push({
        code: 'env-dropped-by-client',
        severity: 'warning',
        message: `env.${key} is dropped: Gemini CLI refuses ${key} in a server's env`,
        why: 'Gemini CLI blocks variables that change how an interpreter loads code (its BLOCKED_EXECUTION_ENVS)',
        fix:
          key.toUpperCase() === 'PYTHONPATH'
            ? 'run the server through uv --directory <project> run, or install the package, instead of PYTHONPATH'
            : `pass the setting another way (an argument or a config file) instead of ${key}`,
        location,
      });
    }
  }
  if (client === 'claude-desktop') {
    const names = DESKTOP_ENV_NAMES[host.platform === 'win32' ? 'win32' : 'posix'];
    const own = keys.length === 0 ? 'nothing else' : `this entry's env (${keys.join(', ')})`;
    findings.push({
      code: 'desktop-minimal-env',
      severity: 'info',
      message: `Claude Desktop passes only ${names.join(', ')} and ${own}`,
      why: "variables from your shell profile (API keys, proxies, JAVA_HOME…) do not reach the server; the entry's env adds to this list, it does not bring the shell's",
      location,
    });
  }
  return findings;
}

/** `${VAR}` references the client leaves as they are. */
function checkUnresolved(
  unresolved: readonly UnresolvedVariable[],
  client: ClientId,
  location: FindingLocation,
): Finding[] {
  const name = CLIENT_NAMES[client];
  return unresolved.map((u): Finding => {
    if (u.reason === 'input') {
      return {
        code: 'env-unresolved',
        severity: 'info',
        message: `${u.reference} in ${u.field} is a VS Code input: VS Code asks for it when it starts the server`,
        location,
      };
    }
    const variable = /^\$\{?(?:env:)?([^}:]+)/.exec(u.reference)?.[1] ?? u.reference;
    return {
      code: 'env-unresolved',
      severity: u.reason === 'unset' ? 'error' : 'warning',
      message:
        u.reason === 'unset'
          ? `${u.reference} in ${u.field}: ${variable} is not set`
          : `${u.reference} in ${u.field} is not a variable ${name} can fill in here`,
      why:
        u.reason === 'unset'
          ? `${name} passes the reference unexpanded (or empty), so the server gets no value`
          : `${name} leaves it as it is`,
      fix:
        u.reason === 'unset'
          ? `set ${variable} in the environment ${name} is started from, or write the value in ${u.field}`
          : `write the value in ${u.field}`,
      location,
    };
  });
}

/** Claude Desktop expands no variables: `${API_KEY}` reaches the server as those characters. */
function checkLiteralReferences(entry: ServerEntry, location: FindingLocation): Finding[] {
  const fields: [string, string][] =
    entry.transport === 'stdio'
      ? [
          ['command', entry.command],
          ...entry.args.map((a, i): [string, string] => [`args[${i}]`, a]),
          ...Object.entries(entry.env).map(([k, v]): [string, string] => [`env.${k}`, v]),
        ]
      : [['url', entry.url]];
  return fields
    .filter(([, value]) => /\$\{[^}]+\}/.test(value))
    .map(([field, value]) => ({
      code: 'desktop-no-expansion',
      severity: 'error' as const,
      message: `${field} holds ${/\$\{[^}]+\}/.exec(value)![0]}, which Claude Desktop does not expand`,
      why: 'Claude Desktop passes the text as it is; the server receives "${…}" instead of the value',
      fix: `write the value itself in ${field}`,
      location,
    }));
}
