#!/usr/bin/env node
// The expected result of every conformance run, and the comparison with an actual run.
//
// A run is one scenario at one spec version, named `<scenario>@<version>` (`@extension` for the
// suite's extension scenarios, which are not on the spec timeline). conformance/expected.json says,
// per version, which scenarios pass and which fail and why:
//   { "suite": "...", "pass": { "<version>": ["<scenario>", ...] },
//     "fail": { "<version>": { "<scenario>": "<one-line reason>" } } }
// The comparison is exact: a run that was expected to pass and did not is a regression; a run that
// passes but is listed as failing, a run that is in neither list, and a listed run that did not run
// all fail too, each with its name, so the committed list is always the truth.
//
// CLI (run.sh uses it; the machine's Node 20 is enough):
//   node compare.mjs runs < <(conformance list --client)     one run id per line
//   node compare.mjs check RUNS_TSV [--subset]                report, exit 1 on any mismatch
//   node compare.mjs update RUNS_TSV                          rewrite expected.json from RUNS_TSV
// RUNS_TSV has one line per run: `<id>\t<PASS|FAIL|SKIP>\t<checks summary>\t<seconds>`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODERN = '2026-07-28';
export const EXTENSION = 'extension';
export const EXPECTED_FILE = fileURLToPath(new URL('./expected.json', import.meta.url));
/** Placeholder reason `update` gives a new failure; `check` refuses it until someone writes why. */
export const NO_REASON = 'FIXME: say why this fails';

/**
 * The runs to make, from the output of `conformance list --client` (lines `  - name [v1,v2]`).
 * A scenario runs at the newest version it has before 2026-07-28 (the initialize-handshake wire),
 * and again at 2026-07-28 when it belongs to it (the stateless wire): one run does not cover the other.
 */
export function runsFromListing(text) {
  const runs = [];
  for (const line of text.split('\n')) {
    const m = /^\s*-\s+(\S+)\s+\[([^\]]*)\]\s*$/.exec(line);
    if (!m) continue;
    const [, scenario, list] = m;
    const versions = list.split(',').map((v) => v.trim());
    if (versions.includes(EXTENSION)) {
      runs.push(`${scenario}@${EXTENSION}`);
      continue;
    }
    const legacy = versions.filter((v) => v < MODERN).sort();
    if (legacy.length > 0) runs.push(`${scenario}@${legacy[legacy.length - 1]}`);
    if (versions.includes(MODERN)) runs.push(`${scenario}@${MODERN}`);
  }
  return runs;
}

/** `scenario@version` -> [scenario, version]. Scenario names contain `/` but never `@`. */
export function splitId(id) {
  const at = id.lastIndexOf('@');
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}

/** Parse RUNS_TSV into a Map id -> {status, checks, seconds}; a later line for an id wins. */
export function parseRuns(tsv) {
  const runs = new Map();
  for (const line of tsv.split('\n')) {
    if (!line.trim()) continue;
    const [id, status, checks = '', seconds = ''] = line.split('\t');
    runs.set(id, { status, checks, seconds: Number(seconds) });
  }
  return runs;
}

/** Problems with the expected file itself (shape, duplicates, missing reasons). */
export function validateExpected(expected) {
  const errors = [];
  const pass = expected?.pass ?? {};
  const fail = expected?.fail ?? {};
  const seen = new Set();
  for (const [version, names] of Object.entries(pass)) {
    if (!Array.isArray(names)) errors.push(`pass.${version} must be a list of scenario names`);
    for (const name of Array.isArray(names) ? names : []) {
      const id = `${name}@${version}`;
      if (seen.has(id)) errors.push(`${id} is listed twice`);
      seen.add(id);
    }
  }
  for (const [version, reasons] of Object.entries(fail)) {
    if (typeof reasons !== 'object' || reasons === null || Array.isArray(reasons)) {
      errors.push(`fail.${version} must map scenario names to a one-line reason`);
      continue;
    }
    for (const [name, reason] of Object.entries(reasons)) {
      const id = `${name}@${version}`;
      if (seen.has(id)) errors.push(`${id} is listed both as passing and as failing`);
      seen.add(id);
      if (typeof reason !== 'string' || !reason.trim() || reason === NO_REASON)
        errors.push(`${id}: an expected failure needs a one-line reason`);
      else if (reason.includes('\n')) errors.push(`${id}: the reason must be one line`);
    }
  }
  return errors;
}

/** Expected outcome of each listed run: Map id -> {pass: true} | {pass: false, reason}. */
export function expectedOutcomes(expected) {
  const out = new Map();
  for (const [version, names] of Object.entries(expected.pass ?? {}))
    for (const name of names) out.set(`${name}@${version}`, { pass: true });
  for (const [version, reasons] of Object.entries(expected.fail ?? {}))
    for (const [name, reason] of Object.entries(reasons))
      out.set(`${name}@${version}`, { pass: false, reason });
  return out;
}

/**
 * Compare actual runs with the expected file. With `subset`, listed runs that did not run are not
 * reported (for `run.sh --only`). Returns the mismatches by kind, each a list of run ids, and `ok`.
 */
export function compare(expected, runs, { subset = false } = {}) {
  const want = expectedOutcomes(expected);
  const result = {
    invalid: validateExpected(expected),
    regressed: [],
    newlyPassing: [],
    unlisted: [],
    notRun: [],
  };
  for (const [id, run] of [...runs].sort(([a], [b]) => a.localeCompare(b))) {
    const w = want.get(id);
    const passed = run.status === 'PASS';
    if (!w) result.unlisted.push(id);
    else if (w.pass && !passed) result.regressed.push(id);
    else if (!w.pass && passed) result.newlyPassing.push(id);
  }
  if (!subset) for (const id of [...want.keys()].sort()) if (!runs.has(id)) result.notRun.push(id);
  result.ok =
    result.invalid.length +
      result.regressed.length +
      result.newlyPassing.length +
      result.unlisted.length +
      result.notRun.length ===
    0;
  return result;
}

/** Human report of a comparison: per-version tallies, then every mismatch with what to do. */
export function report(expected, runs, result) {
  const want = expectedOutcomes(expected);
  const lines = [];
  const byVersion = new Map();
  for (const [id, run] of runs) {
    const [, version] = splitId(id);
    const v = byVersion.get(version) ?? { pass: 0, total: 0 };
    v.total++;
    if (run.status === 'PASS') v.pass++;
    byVersion.set(version, v);
  }
  for (const [version, v] of [...byVersion].sort())
    lines.push(`  ${version.padEnd(10)} ${v.pass}/${v.total} pass`);
  for (const [id, run] of [...runs].sort(([a], [b]) => a.localeCompare(b))) {
    const w = want.get(id);
    if (w && !w.pass && run.status !== 'PASS') lines.push(`  expected failure ${id}: ${w.reason}`);
  }
  const say = (list, text) => {
    for (const id of list) lines.push(`${text.replace('%s', id)}`);
  };
  for (const e of result.invalid) lines.push(`conformance/expected.json: ${e}`);
  say(result.regressed, 'REGRESSION %s: expected to pass, failed (see its log)');
  say(
    result.newlyPassing,
    'NEWLY PASSING %s: listed as an expected failure; update expected list (move it to "pass")',
  );
  say(
    result.unlisted,
    'UNLISTED %s: not in conformance/expected.json; update expected list (pass, or fail with a reason)',
  );
  say(result.notRun, 'NOT RUN %s: in conformance/expected.json but the suite did not run it');
  return lines.join('\n');
}

/** expected.json rewritten to match `runs`: reasons kept, new failures get {@link NO_REASON}. */
export function updated(expected, runs) {
  const want = expectedOutcomes(expected);
  const next = { suite: expected.suite, pass: {}, fail: {} };
  for (const [id, run] of [...runs].sort(([a], [b]) => a.localeCompare(b))) {
    const [name, version] = splitId(id);
    if (run.status === 'PASS') (next.pass[version] ??= []).push(name);
    else {
      const old = want.get(id);
      (next.fail[version] ??= {})[name] = old && !old.pass ? old.reason : NO_REASON;
    }
  }
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const names of Object.values(next.pass)) names.sort();
  for (const version of Object.keys(next.fail)) next.fail[version] = sorted(next.fail[version]);
  return { suite: next.suite, pass: sorted(next.pass), fail: sorted(next.fail) };
}

export function readExpected(file = EXPECTED_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function main(argv) {
  const [command, file, ...rest] = argv;
  if (command === 'runs') {
    const ids = runsFromListing(readFileSync(0, 'utf8'));
    if (ids.length === 0) throw new Error('no scenarios in the listing on stdin');
    process.stdout.write(ids.join('\n') + '\n');
    return 0;
  }
  if ((command === 'check' || command === 'update') && file) {
    const runs = parseRuns(readFileSync(file, 'utf8'));
    const expected = readExpected();
    if (command === 'update') {
      writeFileSync(EXPECTED_FILE, JSON.stringify(updated(expected, runs), null, 2) + '\n');
      process.stdout.write(`wrote ${EXPECTED_FILE}; give each "${NO_REASON}" a reason\n`);
      return 0;
    }
    const result = compare(expected, runs, { subset: rest.includes('--subset') });
    process.stdout.write(report(expected, runs, result) + '\n');
    return result.ok ? 0 : 1;
  }
  process.stderr.write('usage: compare.mjs runs | check RUNS_TSV [--subset] | update RUNS_TSV\n');
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]))
  process.exit(main(process.argv.slice(2)));
