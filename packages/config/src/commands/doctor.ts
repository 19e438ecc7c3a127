import { maskSecretsInText, redactKnownSecrets } from '@mcpkit/shared/mask';
import type { ServerEntry } from '@mcpkit/shared/server-entries';
import { createChecks } from './doctor-checks.js';
import { applyEntryFixes } from '../core/doctor/entry-fix.js';
import {
  formatFinding,
  formatServer,
  formatSummary,
  totalsOf,
} from '../core/doctor/format-report.js';
import { runDoctor, type DoctorResult, type ReadableFile } from '../core/doctor/run-doctor.js';
import type { EntryFix, Finding, ServerReport } from '../core/doctor/types.js';
import { EXIT, usageError } from '../errors.js';
import { CLIENT_NAMES } from '../target/targets.js';
import { changeConfig } from './change.js';
import { createContext, type CommandContext, type CommandIo, type GlobalFlags } from './context.js';

/** Exit code when Ctrl-C (SIGINT) stopped the run. */
const INTERRUPTED = 130;

/** `mcp-config doctor [name]`. */
export async function runDoctorCommand(
  name: string | undefined,
  flags: GlobalFlags,
  io: CommandIo,
): Promise<number> {
  const context = createContext(flags, io);
  const live = context.platform === io.platform;
  // Ctrl-C, SIGTERM or SIGHUP stop every server started (then the run returns 130).
  const controller = new AbortController();
  const off = live ? io.onStop?.(() => controller.abort()) : undefined;
  try {
    return await doctor(name, flags, context, live, controller.signal);
  } finally {
    off?.();
  }
}

async function doctor(
  name: string | undefined,
  flags: GlobalFlags,
  context: CommandContext,
  live: boolean,
  signal: AbortSignal,
): Promise<number> {
  const { io } = context;
  const first = await check(name, context, live, signal);
  if (signal.aborted) return interrupted(io);
  if (!flags.fix) {
    print(first, context, live);
    return exitCodeOf(first);
  }
  const fixes = fixesOf(first);
  if (fixes.length === 0) {
    print(first, context, live);
    if (!flags.json) io.stdout('Nothing here that --fix can change safely.\n');
    return exitCodeOf(first);
  }
  if (!flags.json) print(first, context, live);
  const applied = await applyFixes(fixes, context);
  if (applied === undefined) return EXIT.failure;
  if (applied.length === 0) {
    if (flags.json) printJson(first, context, []);
    return exitCodeOf(first);
  }
  if (!flags.json) io.stdout('\nChecking again…\n\n');
  const second = await check(name, context, live, signal);
  if (signal.aborted) return interrupted(io);
  if (flags.json) printJson(second, context, applied);
  else print(second, context, live);
  return exitCodeOf(second);
}

function timeoutOf(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw usageError(
      `--timeout must be a number of seconds between 0 and 3600, not ${JSON.stringify(text)}`,
      'For example --timeout 10; without it doctor waits as long as the client does.',
    );
  }
  return Math.round(seconds * 1000);
}

function interrupted(io: CommandIo): number {
  io.stderr('Interrupted: every server doctor started was stopped.\n');
  return INTERRUPTED;
}

async function check(
  name: string | undefined,
  context: CommandContext,
  live: boolean,
  signal: AbortSignal,
): Promise<DoctorResult> {
  const { io, flags } = context;
  const result = await runDoctor(createChecks(context), {
    client: context.client,
    ...(name === undefined ? {} : { name }),
    live,
    expand: { env: io.env, cwd: io.cwd, homedir: io.homedir, platform: context.platform },
    signal,
    ...(flags.timeout === undefined ? {} : { timeoutMs: timeoutOf(flags.timeout) }),
    onLaunch: (count, timeoutMs) => {
      if (flags.json) return;
      io.stderr(
        `Checking ${count === 1 ? 'the server' : `${count} servers at once`} as ${CLIENT_NAMES[context.client]} would (waiting up to ${Math.round(timeoutMs / 1000)} s)…\n`,
      );
    },
  });
  return scrub(result);
}

/** Values of each entry's env and headers are never printed, whatever text quotes them. */
function scrub(result: DoctorResult): DoctorResult {
  const clean = (finding: Finding, secrets: string[]): Finding => {
    const text = (s: string) => maskSecretsInText(redactKnownSecrets(s, secrets));
    return {
      ...finding,
      message: text(finding.message),
      ...(finding.why ? { why: text(finding.why) } : {}),
      ...(finding.fix ? { fix: text(finding.fix) } : {}),
      ...(finding.detail ? { detail: finding.detail.map(text) } : {}),
    };
  };
  const reports = result.reports.map((report): ServerReport => {
    const target = result.targets.get(report.name);
    const secrets = target ? secretsOf(target.entry) : [];
    return {
      ...report,
      findings: report.findings.map((f) => clean(f, secrets)),
      ...(report.live
        ? { live: { ...report.live, findings: report.live.findings.map((f) => clean(f, secrets)) } }
        : {}),
    };
  });
  return { ...result, files: result.files.map((f) => clean(f, [])), reports };
}

function secretsOf(entry: ServerEntry): string[] {
  return Object.values(entry.transport === 'stdio' ? entry.env : entry.headers).filter(
    (value) => value.length >= 4,
  );
}

function exitCodeOf(result: DoctorResult): number {
  const failing =
    result.files.some((f) => f.severity === 'error') ||
    result.reports.some((r) => r.status === 'fail');
  return failing ? EXIT.failure : EXIT.ok;
}

function print(result: DoctorResult, context: CommandContext, live: boolean): void {
  const { io, flags } = context;
  if (flags.json) return printJson(result, context, undefined);
  const client = CLIENT_NAMES[context.client];
  const fileLines = result.files.flatMap((f) => formatFinding(f, ''));
  if (fileLines.length > 0)
    io.stdout(`${client} config\n${fileLines.map((l) => `  ${l}`).join('\n')}\n\n`);
  if (!live) {
    io.stdout(
      `Checked for ${context.platform}: commands and paths were not looked up and the servers were not started (that needs the machine itself).\n\n`,
    );
  }
  for (const report of result.reports) io.stdout(`${formatServer(report, client)}\n`);
  if (result.reports.length === 0 && !result.files.some((f) => f.severity === 'error')) {
    io.stdout(`${client} has no servers configured.\n`);
  }
  io.stdout(formatSummary(totalsOf(result.files, result.reports), flags.fix !== true));
}

function printJson(
  result: DoctorResult,
  context: CommandContext,
  fixed: AppliedFix[] | undefined,
): void {
  const totals = totalsOf(result.files, result.reports);
  const document = {
    client: context.client,
    ok: exitCodeOf(result) === EXIT.ok,
    files: result.files,
    servers: result.reports,
    summary: totals,
    ...(fixed ? { fixed } : {}),
  };
  context.io.stdout(`${JSON.stringify(document, null, 2)}\n`);
}

interface PendingFix {
  name: string;
  file: ReadableFile;
  edits: EntryFix[];
  reasons: string[];
}

/** What --fix wrote. */
interface AppliedFix {
  server: string;
  file: string;
  backup?: string;
  edits: EntryFix[];
}

function fixesOf(result: DoctorResult): PendingFix[] {
  const pending: PendingFix[] = [];
  for (const report of result.reports) {
    const target = result.targets.get(report.name);
    const fixing = report.findings.filter((f) => (f.edits?.length ?? 0) > 0);
    if (!target || fixing.length === 0) continue;
    pending.push({
      name: report.name,
      file: target.file,
      edits: fixing.flatMap((f) => f.edits ?? []),
      reasons: fixing.map((f) => f.message),
    });
  }
  return pending;
}

/**
 * Shows each server's change as a diff and writes it through the editing core (lock, backup,
 * atomic replace) once the person agrees: asked on a terminal, `--yes` otherwise. Returns
 * what was written, or undefined when nothing may be written without --yes.
 */
async function applyFixes(
  fixes: PendingFix[],
  context: CommandContext,
): Promise<AppliedFix[] | undefined> {
  const { io, flags } = context;
  const { unifiedDiff } = await import('../core/diff.js');
  const applied: AppliedFix[] = [];
  for (const fix of fixes) {
    const { candidate } = fix.file;
    const target = {
      serversPath: candidate.serversPath,
      name: fix.name,
      file: candidate.file,
      allowJsonc: candidate.allowJsonc,
    };
    const preview = applyEntryFixes(fix.file.text, target, fix.edits);
    const log = flags.json ? io.stderr : io.stdout;
    log(`\nFix for "${fix.name}": ${fix.reasons.join('; ')}\n`);
    log(unifiedDiff(candidate.file, fix.file.text, preview, { mask: flags.showSecrets !== true }));
    if (!flags.yes) {
      if (!io.ask) {
        io.stderr(
          'Nothing was changed: without a terminal to ask on, add --yes to apply these fixes.\n',
        );
        return undefined;
      }
      const answer = (await io.ask(`Apply this change to ${candidate.file}? [y/N] `)) ?? '';
      if (!/^y(es)?$/i.test(answer.trim())) {
        log(`Skipped "${fix.name}".\n`);
        continue;
      }
    }
    if (flags.dryRun) {
      log('Dry run: nothing was written.\n');
      continue;
    }
    // Applied to the file as it is now (under the lock), not to the text read before.
    const result = await changeConfig(candidate.file, context, (text) =>
      applyEntryFixes(text, target, fix.edits),
    );
    log(`Fixed "${fix.name}" in ${result.file}\n`);
    if (result.backup) log(`Backup of the previous version: ${result.backup}\n`);
    applied.push({
      server: fix.name,
      file: result.file,
      ...(result.backup ? { backup: result.backup } : {}),
      edits: fix.edits,
    });
  }
  return applied;
}
