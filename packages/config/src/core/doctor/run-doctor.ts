// The order of a doctor run: the client's files, then every server in them — static checks,
// then all live checks and Python checks at once, then the client's own log — assembled into
// one report per server. The checks are passed in, so this file only decides what runs when.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { ConfigError } from '@mcpkit/shared/config-text';
import { expandEntry, type UnresolvedVariable } from '@mcpkit/shared/expand-variables';
import {
  type RemoteServerEntry,
  type ServerEntry,
  type StdioServerEntry,
} from '@mcpkit/shared/server-entries';
import { unknownServerMessage } from '@mcpkit/shared/suggest';
import {
  entriesOf,
  invalidReport,
  shadowFindings,
  summaryOf,
  type ReadableFile,
} from './entries.js';
import { statusOf } from './format-report.js';
import type { Finding, LaunchPlan, LiveOutcome, RemotePlan, ServerReport } from './types.js';

export type { ReadableFile } from './entries.js';

/** The checks a run uses; see checks.ts for the real ones. */
export interface DoctorChecks {
  /** The client's files: which it reads, whether they parse; file-level findings. */
  files(): { findings: Finding[]; readable: ReadableFile[] };
  /** How the client would start this (variable-expanded) entry. */
  plan(entry: StdioServerEntry): LaunchPlan;
  /** Checks that need no process: PATH, paths, npx -y, env, entry kind. */
  entry(input: {
    entry: ServerEntry;
    plan: LaunchPlan | undefined;
    unresolved: UnresolvedVariable[];
  }): Finding[];
  /**
   * How the client would connect to this (variable-expanded) url entry; undefined when the
   * client does not connect to url entries (Claude Desktop's config file).
   */
  remotePlan(entry: RemoteServerEntry): RemotePlan | undefined;
  /** Launches every plan at once; one outcome per plan, in order. */
  live(plans: LaunchPlan[], signal: AbortSignal | undefined): Promise<LiveOutcome[]>;
  /** Connects to every remote server at once; one outcome per plan, in order. */
  remote(plans: RemotePlan[], signal: AbortSignal | undefined): Promise<LiveOutcome[]>;
  /** Interpreter and `mcp` checks of a Python server (empty for others). */
  python(plan: LaunchPlan, signal: AbortSignal | undefined): Promise<Finding[]>;
  /** What the client's own log says about the server. */
  log(entry: ServerEntry, file: ReadableFile): Finding[];
}

/** Options of {@link runDoctor}. */
export interface RunDoctorOptions {
  client: ClientId;
  /** Only this server. */
  name?: string;
  /** Launch the servers and connect to the remote ones (false when paths are computed for another OS). */
  live: boolean;
  /** Environment, folder and platform used to expand `${VAR}` references as the client does. */
  expand: {
    env: Readonly<Record<string, string | undefined>>;
    cwd: string;
    homedir: string;
    platform: NodeJS.Platform;
  };
  signal?: AbortSignal;
  /** Wait this long for each server (stdio or remote) instead of the client's own limit (ms). */
  timeoutMs?: number;
  /** Called before the servers are launched (to tell the person what is happening). */
  onLaunch?: (count: number, timeoutMs: number) => void;
}

/** Everything one doctor run found. */
export interface DoctorResult {
  /** Findings about the client's files themselves. */
  files: Finding[];
  reports: ServerReport[];
  /** Where each server's entry is, for --fix. */
  targets: Map<string, { file: ReadableFile; entry: ServerEntry }>;
}

interface Planned {
  entry: ServerEntry;
  file: ReadableFile;
  findings: Finding[];
  plan?: LaunchPlan;
  remote?: RemotePlan;
}

/** Runs the checks for every server the client would use (or the one named). */
export async function runDoctor(
  checks: DoctorChecks,
  options: RunDoctorOptions,
): Promise<DoctorResult> {
  const { findings: fileFindings, readable } = checks.files();
  const { used, invalid, names } = entriesOf(readable, options);
  if (
    options.name !== undefined &&
    ![...used, ...invalid].some((e) => e.entry.name === options.name)
  ) {
    const file = readable.map((f) => f.candidate.file).join(', ') || 'the config';
    throw new ConfigError('unknown-server', file, unknownServerMessage(options.name, names));
  }
  const wanted = <T extends { entry: { name: string } }>(list: T[]) =>
    options.name === undefined ? list : list.filter((e) => e.entry.name === options.name);

  const planned: Planned[] = wanted(used).map(({ entry, file, shadows }) => {
    const { entry: expanded, unresolved } = expandEntry(entry, options.client, options.expand);
    const plan = withTimeout(
      expanded.transport === 'stdio' ? checks.plan(expanded) : undefined,
      options.timeoutMs,
    );
    const remote = withTimeout(
      expanded.transport === 'stdio' ? undefined : checks.remotePlan(expanded),
      options.timeoutMs,
    );
    const findings = [...shadowFindings(shadows), ...checks.entry({ entry, plan, unresolved })];
    return { entry, file, findings, ...(plan ? { plan } : {}), ...(remote ? { remote } : {}) };
  });

  const launchable = planned.filter(
    (p): p is Planned & { plan: LaunchPlan } => p.plan !== undefined && options.live,
  );
  const reachable = planned.filter(
    (p): p is Planned & { remote: RemotePlan } => p.remote !== undefined && options.live,
  );
  const timeouts = [...launchable.map((p) => p.plan), ...reachable.map((p) => p.remote)].map(
    (plan) => plan.timeoutMs,
  );
  if (timeouts.length > 0) options.onLaunch?.(timeouts.length, Math.max(...timeouts));
  // One batch: a hanging server costs its own timeout, whatever its transport.
  const [outcomes, remoteOutcomes, python] = await Promise.all([
    checks.live(
      launchable.map((p) => p.plan),
      options.signal,
    ),
    checks.remote(
      reachable.map((p) => p.remote),
      options.signal,
    ),
    Promise.all(launchable.map((p) => checks.python(p.plan, options.signal))),
  ]);

  const reports: ServerReport[] = [];
  const targets = new Map<string, { file: ReadableFile; entry: ServerEntry }>();
  for (const p of planned) {
    const index = launchable.indexOf(p as Planned & { plan: LaunchPlan });
    const remoteIndex = reachable.indexOf(p as Planned & { remote: RemotePlan });
    const live =
      index >= 0 ? outcomes[index] : remoteIndex >= 0 ? remoteOutcomes[remoteIndex] : undefined;
    const findings = dedupe([
      ...p.findings,
      ...(index >= 0 ? (python[index] ?? []) : []),
      ...(live?.findings ?? []),
      ...checks.log(p.entry, p.file),
    ]);
    targets.set(p.entry.name, { file: p.file, entry: p.entry });
    reports.push({
      name: p.entry.name,
      client: options.client,
      location: {
        file: p.entry.location.file,
        line: p.entry.location.line,
        column: p.entry.location.column,
      },
      scope: p.entry.scope,
      transport: p.entry.transport,
      summary: summaryOf(p.entry),
      findings: sortFindings(findings),
      ...(live ? { live } : {}),
      status: statusOf(findings),
    });
  }
  for (const { entry, file } of wanted(invalid))
    reports.push(invalidReport(entry, file, options.client));
  return { files: fileFindings, reports, targets };
}

/** The plan with the caller's timeout in place of the client's, when one was given. */
/** `plan` waiting `timeoutMs` (--timeout) instead of the client's own limit, which it keeps. */
function withTimeout<T extends { timeoutMs: number; clientTimeoutMs?: number }>(
  plan: T | undefined,
  timeoutMs: number | undefined,
): T | undefined {
  return plan && timeoutMs !== undefined
    ? { ...plan, timeoutMs, clientTimeoutMs: plan.timeoutMs }
    : plan;
}

const ORDER = { ok: 0, info: 1, warning: 2, error: 3 } as const;

/** Passed checks first, then context, then problems (the worst last, next to the summary). */
function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => ORDER[a.finding.severity] - ORDER[b.finding.severity] || a.index - b.index)
    .map((x) => x.finding);
}

// Causes both the Python check (asking the interpreter) and the live check (reading the
// traceback) find; the Python check's finding comes first and names the exact command.
const ONCE_PER_SERVER = new Set(['python-no-mcp', 'mcp-v1-import', 'mcp-too-old']);

/** The same cause found twice (statically and in the stderr) is said once, the first time. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = ONCE_PER_SERVER.has(f.code) ? f.code : `${f.code}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
