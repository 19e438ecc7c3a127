// Types for compare.mjs, so the tests can use it.

export declare const MODERN: '2026-07-28';
export declare const EXTENSION: 'extension';
export declare const EXPECTED_FILE: string;
export declare const NO_REASON: string;

/** conformance/expected.json */
export interface Expected {
  suite: string;
  /** version -> scenario names expected to pass at it */
  pass: Record<string, string[]>;
  /** version -> scenario name -> one-line reason it is expected to fail */
  fail: Record<string, Record<string, string>>;
}

/** One line of runs.tsv. */
export interface Run {
  status: 'PASS' | 'FAIL' | 'SKIP' | string;
  checks: string;
  seconds: number;
}

export interface Comparison {
  invalid: string[];
  regressed: string[];
  newlyPassing: string[];
  unlisted: string[];
  notRun: string[];
  ok: boolean;
}

export declare function runsFromListing(text: string): string[];
export declare function splitId(id: string): [string, string];
export declare function parseRuns(tsv: string): Map<string, Run>;
export declare function validateExpected(expected: unknown): string[];
export declare function expectedOutcomes(
  expected: Expected,
): Map<string, { pass: true } | { pass: false; reason: string }>;
export declare function compare(
  expected: Expected,
  runs: Map<string, Run>,
  options?: { subset?: boolean },
): Comparison;
export declare function report(
  expected: Expected,
  runs: Map<string, Run>,
  result: Comparison,
): string;
export declare function updated(expected: Expected, runs: Map<string, Run>): Expected;
export declare function readExpected(file?: string): Expected;
