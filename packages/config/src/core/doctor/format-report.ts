// How doctor's findings read: one section per server with ✓/✗ lines, each problem followed by
// why it matters and its fix, then one summary line. Everything from a config, a server or a
// log is sanitised and masked here; colours are the safe writer's markers (`styled`).
import { maskSecretsInText } from '@mcpkit/shared/mask';
import { sanitizeLine, styled } from '@mcpkit/shared/sanitize';
import type { Finding, ServerReport, Severity } from './types.js';

/** Longest supporting line printed, in characters (stderr lines can be huge). */
const DETAIL_WIDTH = 240;
/** Supporting lines printed per finding (the JSON output keeps them all). */
const DETAIL_LINES = 15;

const MARK: Record<Severity, string> = {
  ok: styled('green', '✓'),
  info: styled('cyan', '·'),
  warning: styled('yellow', '!'),
  error: styled('red', '✗'),
};

/** A line of untrusted text made safe to print: one line, no escapes, secrets masked. */
export function safeLine(text: string, width = DETAIL_WIDTH): string {
  const line = maskSecretsInText(sanitizeLine(text));
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** The lines of one finding: the mark and message, then why, fix and detail, indented. */
export function formatFinding(finding: Finding, indent = '  '): string[] {
  const lines = [`${indent}${MARK[finding.severity]} ${safeLine(finding.message, 400)}`];
  const more = `${indent}    `;
  if (
    finding.location?.line !== undefined &&
    (finding.severity === 'error' || finding.severity === 'warning')
  ) {
    const where = `${finding.location.file}:${finding.location.line}:${finding.location.column ?? 1}`;
    lines.push(`${more}${styled('dim', 'at')}  ${safeLine(where, 400)}`);
  }
  if (finding.why) lines.push(`${more}${styled('dim', 'why')} ${safeLine(finding.why, 400)}`);
  if (finding.fix) lines.push(`${more}${styled('bold', 'fix')} ${safeLine(finding.fix, 400)}`);
  const detail = finding.detail ?? [];
  for (const line of detail.slice(-DETAIL_LINES)) {
    lines.push(`${more}${styled('dim', '│')} ${safeLine(line)}`);
  }
  if (detail.length > DETAIL_LINES) {
    lines.push(`${more}${styled('dim', `│ (${detail.length - DETAIL_LINES} earlier lines)`)}`);
  }
  return lines;
}

const STATUS: Record<ServerReport['status'], string> = {
  ok: styled('green', 'ok'),
  warn: styled('yellow', 'works, with warnings'),
  fail: styled('red', 'fails'),
};

/** One server's section. */
export function formatServer(report: ServerReport, clientName: string): string {
  const where = report.location.line
    ? `${report.location.file}:${report.location.line}:${report.location.column ?? 1}`
    : report.location.file;
  const head = `${styled('bold', safeLine(report.name, 120))} ${styled('dim', `(${clientName}, ${report.scope} scope)`)} — ${STATUS[report.status]}`;
  const lines = [
    head,
    `  ${styled('dim', safeLine(report.summary, 400))}`,
    `  ${styled('dim', safeLine(where, 400))}`,
  ];
  for (const finding of report.findings) lines.push(...formatFinding(finding));
  return `${lines.join('\n')}\n`;
}

/** Counts for the summary line and the exit code. */
export interface ReportTotals {
  servers: number;
  failing: number;
  warned: number;
  errors: number;
  warnings: number;
  /** Findings with an edit `--fix` can apply. */
  fixable: number;
}

/** Totals over the file findings and every server's. */
export function totalsOf(
  files: readonly Finding[],
  reports: readonly ServerReport[],
): ReportTotals {
  const all = [...files, ...reports.flatMap((r) => r.findings)];
  return {
    servers: reports.length,
    failing: reports.filter((r) => r.status === 'fail').length,
    warned: reports.filter((r) => r.status === 'warn').length,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    fixable: all.filter((f) => (f.edits?.length ?? 0) > 0).length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The last line: how many servers fail, and what to do next. */
export function formatSummary(totals: ReportTotals, canFix: boolean): string {
  const counts = [
    totals.failing > 0 ? styled('red', `${totals.failing} failing`) : undefined,
    totals.warned > 0 ? styled('yellow', `${totals.warned} with warnings`) : undefined,
    `${totals.servers - totals.failing - totals.warned} ok`,
  ].filter(Boolean);
  const problems =
    totals.errors + totals.warnings > 0
      ? ` (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')})`
      : '';
  const next =
    totals.fixable > 0 && canFix
      ? ` ${plural(totals.fixable, 'problem')} can be fixed with --fix.`
      : '';
  return `${plural(totals.servers, 'server')}: ${counts.join(', ')}${problems}.${next}\n`;
}

/** A report's status from its findings. */
export function statusOf(findings: readonly Finding[]): ServerReport['status'] {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'ok';
}
