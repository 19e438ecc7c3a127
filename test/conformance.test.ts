import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compare,
  NO_REASON,
  parseRuns,
  readExpected,
  report,
  runsFromListing,
  splitId,
  updated,
  validateExpected,
  type Expected,
  type Run,
} from '../conformance/compare.mjs';
import { forgetGroup, signalGroup, trackGroup } from '../packages/shared/src/process-group.js';
import { makeTempDir, ROOT } from './support/paths.js';
import { collect, testEnv } from './support/run.js';

const EXPECTED = readExpected();

/** Outcome of every run, per version, as the expected file writes it (names sorted). */
function byVersion(runs: Map<string, Run>): Expected {
  const out: Expected = { suite: EXPECTED.suite, pass: {}, fail: {} };
  for (const [id, r] of runs) {
    const [name, version] = splitId(id);
    if (r.status === 'PASS') (out.pass[version] ??= []).push(name);
    else (out.fail[version] ??= {})[name] = r.status;
  }
  for (const names of Object.values(out.pass)) names.sort();
  return out;
}

/** The expected file with each failure's reason replaced by FAIL, to compare with a run. */
function expectedShape(expected: Expected): Expected {
  const fail: Expected['fail'] = {};
  for (const [version, reasons] of Object.entries(expected.fail))
    fail[version] = Object.fromEntries(Object.keys(reasons).map((n) => [n, 'FAIL']));
  const pass = Object.fromEntries(
    Object.entries(expected.pass).map(([v, names]) => [v, [...names].sort()]),
  );
  return { suite: expected.suite, pass, fail };
}

const tsv = (rows: [string, string][]) =>
  rows.map(([id, status]) => `${id}\t${status}\tPassed: 1/1\t1`).join('\n');

describe('conformance expected list (conformance/compare.mjs)', () => {
  const expected: Expected = {
    suite: 'x',
    pass: { '2025-11-25': ['tools_call'], '2026-07-28': ['tools_call', 'auth/metadata-default'] },
    fail: { '2026-07-28': { 'sep-2322-client-request-state': 'server omits resultType' } },
  };
  const allAsExpected: [string, string][] = [
    ['tools_call@2025-11-25', 'PASS'],
    ['tools_call@2026-07-28', 'PASS'],
    ['auth/metadata-default@2026-07-28', 'PASS'],
    ['sep-2322-client-request-state@2026-07-28', 'FAIL'],
  ];

  it('a run that matches the list exactly is ok', () => {
    const result = compare(expected, parseRuns(tsv(allAsExpected)));
    expect(result).toMatchObject({ ok: true, regressed: [], newlyPassing: [], unlisted: [] });
  });

  it('one regression fails by name and version, even when another run newly passes', () => {
    const runs = parseRuns(
      tsv([
        ['tools_call@2025-11-25', 'PASS'],
        ['tools_call@2026-07-28', 'PASS'],
        ['auth/metadata-default@2026-07-28', 'FAIL'],
        ['sep-2322-client-request-state@2026-07-28', 'PASS'],
      ]),
    );
    const result = compare(expected, runs);
    expect(result.ok).toBe(false);
    expect(result.regressed).toEqual(['auth/metadata-default@2026-07-28']);
    expect(result.newlyPassing).toEqual(['sep-2322-client-request-state@2026-07-28']);
    const text = report(expected, runs, result);
    expect(text).toContain('REGRESSION auth/metadata-default@2026-07-28');
    expect(text).toMatch(
      /NEWLY PASSING sep-2322-client-request-state@2026-07-28: .*update expected list/,
    );
  });

  it('the same scenario at the other version is a different run', () => {
    const runs = parseRuns(
      tsv([
        ...allAsExpected.filter(([id]) => id !== 'tools_call@2025-11-25'),
        ['tools_call@2025-11-25', 'FAIL'],
      ]),
    );
    expect(compare(expected, runs).regressed).toEqual(['tools_call@2025-11-25']);
  });

  it('a run not in the list, a listed run that did not run, and a skipped run all fail', () => {
    const runs = parseRuns(tsv([...allAsExpected.slice(1), ['initialize@2026-07-28', 'SKIP']]));
    const result = compare(expected, runs);
    expect(result.ok).toBe(false);
    expect(result.unlisted).toEqual(['initialize@2026-07-28']);
    expect(result.notRun).toEqual(['tools_call@2025-11-25']);
    // --only compares just what ran.
    expect(compare(expected, parseRuns(tsv(allAsExpected.slice(1))), { subset: true }).ok).toBe(
      true,
    );
  });

  it('an expected failure needs a one-line reason; update keeps reasons and asks for new ones', () => {
    const runs = parseRuns(tsv([...allAsExpected, ['auth/dpop@extension', 'FAIL']]));
    const next = updated(expected, runs);
    expect(next.fail).toEqual({
      '2026-07-28': { 'sep-2322-client-request-state': 'server omits resultType' },
      extension: { 'auth/dpop': NO_REASON },
    });
    expect(validateExpected(next)).toEqual([
      'auth/dpop@extension: an expected failure needs a one-line reason',
    ]);
    expect(compare(next, runs).ok).toBe(false);
    expect(
      validateExpected({ ...expected, pass: { '2026-07-28': ['sep-2322-client-request-state'] } }),
    ).toEqual([
      'sep-2322-client-request-state@2026-07-28 is listed both as passing and as failing',
    ]);
  });

  it('runs each scenario at its newest pre-2026 version and again at 2026-07-28', () => {
    const listing = [
      'Client scenarios (test against a client):',
      '  - initialize [2025-06-18,2025-11-25]',
      '  - tools_call [2025-06-18,2025-11-25,2026-07-28]',
      '  - request-metadata [2026-07-28]',
      '  - auth/2025-03-26-oauth-endpoint-fallback [2025-03-26]',
      '  - auth/dpop [extension]',
    ].join('\n');
    expect(runsFromListing(listing)).toEqual([
      'initialize@2025-11-25',
      'tools_call@2025-11-25',
      'tools_call@2026-07-28',
      'request-metadata@2026-07-28',
      'auth/2025-03-26-oauth-endpoint-fallback@2025-03-26',
      'auth/dpop@extension',
    ]);
  });

  it('the committed conformance/expected.json is valid', () => {
    expect(validateExpected(EXPECTED)).toEqual([]);
  });
});

describe('MCP client conformance suite', () => {
  it('mcp-inspect passes exactly the runs conformance/expected.json lists as passing, per spec version', async () => {
    // run.sh keeps npm's cache in .conformance; mcp-inspect gets a HOME per scenario too. Its own
    // process group, so that nothing it started outlives a timeout or this worker.
    const child = spawn('bash', [join(ROOT, 'conformance/run.sh')], {
      env: testEnv({ HOME: makeTempDir('conformance-home') }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    trackGroup(child.pid!);
    // A ceiling, not the expected time (about 2 min of CPU; see conformance/README.md).
    const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 840_000);
    const result = await collect(child).finally(() => {
      clearTimeout(timer);
      signalGroup(child.pid!, 'SIGKILL');
      forgetGroup(child.pid!);
    });
    const output = result.stdout + result.stderr;
    const file = /^results: (\S+runs\.tsv)/m.exec(result.stdout)?.[1];
    expect(file, output).toBeDefined();
    const runs = parseRuns(readFileSync(file!, 'utf8'));
    // A regression (or a newly passing run) shows up here by name under its version.
    expect(byVersion(runs)).toEqual(expectedShape(EXPECTED));
    expect(result.code, output).toBe(0);
  }, 900_000);
});
