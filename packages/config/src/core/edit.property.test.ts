import { parseConfigText } from '@mcpkit/shared/config-text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addServer, removeServer } from './edit.js';
import type { JsonObject } from './edit.js';
import { detectFormat } from './format.js';

/** How a generated file is laid out. */
interface Style {
  indent: string;
  eol: '\n' | '\r\n';
  bom: boolean;
  finalNewline: boolean;
  /** Everything on one line, no spaces (minified). */
  compact: boolean;
  /** Per object/array, in order: write it on one line. */
  inline: boolean[];
  /** JSONC only: comment lines and trailing commas. */
  jsonc: boolean;
}

const RUNS = { numRuns: 200 };
const SERVERS_PATHS = [['mcpServers'], ['servers'], ['projects', '/home/zoë/proj', 'mcpServers']];

const chars = fc.constantFrom('a', 'z', 'ë', 'é', '中', '😀', '\\', '"', '/', ' ', '\n', '\t', ':');
const text = fc.string({ unit: chars, maxLength: 6 });
const key = fc.stringMatching(/^[a-zA-Zë][\w.ë -]{0,6}$/);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(key, tie('json'), { maxKeys: 3 }),
  ),
}));
const unknowns = fc.dictionary(key, json, { maxKeys: 4 });
const entry: fc.Arbitrary<JsonObject> = fc.record(
  {
    command: text,
    args: fc.array(text, { maxLength: 3 }),
    env: fc.dictionary(key, text, { maxKeys: 2 }),
    'x-unknown': json,
  },
  { requiredKeys: ['command'] },
);
const servers = fc.dictionary(key, entry, { maxKeys: 3 });
const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  compact: fc.nat(4).map((n) => n === 0),
  inline: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  jsonc: fc.boolean(),
});

/** A config whose servers object sits at `path`, among unknown keys at every level. */
function configArb(withServers: boolean) {
  return fc
    .record({
      pathIndex: fc.nat(SERVERS_PATHS.length - 1),
      levels: fc.array(fc.tuple(unknowns, fc.nat()), { minLength: 3, maxLength: 3 }),
      servers,
      style,
    })
    .map(({ pathIndex, levels, servers, style }) => {
      const path = SERVERS_PATHS[pathIndex] as string[];
      const build = (depth: number): JsonObject => {
        const [extra, position] = levels[depth] ?? [{}, 0];
        const entries = Object.entries(extra).filter(([k]) => k !== path[depth]);
        const last = depth === path.length - 1;
        if (last && !withServers) return Object.fromEntries(entries);
        const child = last ? servers : build(depth + 1);
        entries.splice(position % (entries.length + 1), 0, [path[depth] as string, child]);
        return Object.fromEntries(entries);
      };
      const value = build(0);
      return { path, value, style, text: serialize(value, style) };
    });
}

function serialize(value: unknown, s: Style): string {
  let count = 0;
  const write = (v: unknown, level: number): string => {
    if (typeof v !== 'object' || v === null) return JSON.stringify(v);
    const isArray = Array.isArray(v);
    const items = isArray
      ? v.map((x) => write(x, level + 1))
      : Object.entries(v).map(
          ([k, x]) => `${JSON.stringify(k)}:${s.compact ? '' : ' '}${write(x, level + 1)}`,
        );
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    const inline = s.inline[count++ % s.inline.length];
    if (items.length === 0) return open + close;
    if (s.compact) return open + items.join(',') + close;
    if (inline) return `${open}${items.join(', ')}${close}`;
    const pad = s.indent.repeat(level + 1);
    const lines = items.map((item, i) => {
      const comment = s.jsonc && (count + i) % 3 === 0 ? `${pad}// about ${i}${s.eol}` : '';
      const comma = i < items.length - 1 || (s.jsonc && i % 2 === 0) ? ',' : '';
      const after = s.jsonc && (count + i) % 4 === 1 ? ' // after' : '';
      return `${comment}${pad}${item}${comma}${after}`;
    });
    return `${open}${s.eol}${lines.join(s.eol)}${s.eol}${s.indent.repeat(level)}${close}`;
  };
  return (s.bom ? '\uFEFF' : '') + write(value, 0) + (s.finalNewline ? s.eol : '');
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

function valueAt(value: JsonObject, path: readonly string[]): JsonObject | undefined {
  let node: unknown = value;
  for (const k of path) node = (node as JsonObject | undefined)?.[k];
  return node as JsonObject | undefined;
}

type Op = { kind: 'add'; name: string; entry: JsonObject } | { kind: 'remove'; pick: number };
const ops = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('add' as const), name: key, entry }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  ),
  { maxLength: 8 },
);

describe('the editing promise, on random files and edit sequences', () => {
  it('adds and removes keep every other byte and match the model', () => {
    fc.assert(
      fc.property(configArb(true), ops, ({ path, value, style, text }, sequence: Op[]) => {
        const target = { serversPath: path, file: 'config.json', allowJsonc: style.jsonc };
        const model = { ...(valueAt(value, path) ?? {}) };
        const format = detectFormat(text);
        let current = text;
        for (const op of sequence) {
          const before = current;
          if (op.kind === 'add') {
            if (op.name in model) continue;
            current = addServer(current, { ...target, name: op.name, entry: op.entry });
            model[op.name] = op.entry;
            expect(isSubsequence(before, current)).toBe(true);
            expect(removeServer(current, { ...target, name: op.name })).toBe(before);
          } else {
            const names = Object.keys(model);
            const name = names[op.pick % Math.max(names.length, 1)];
            if (name === undefined) continue;
            current = removeServer(current, { ...target, name });
            delete model[name];
            expect(isSubsequence(current, before)).toBe(true);
          }
          const parsed = parseConfigText(current, { file: 'x', allowJsonc: style.jsonc });
          expect(valueAt(parsed.value, path)).toEqual(model);
          const now = detectFormat(current);
          expect([now.bom, now.finalNewline]).toEqual([format.bom, format.finalNewline]);
          // Removing the last multi-line entry may leave no line break to detect.
          if (current.includes('\n')) expect(now.eol).toBe(format.eol);
        }
      }),
      RUNS,
    );
  });

  it('removing what was added, in any order, gives back the original bytes', () => {
    fc.assert(
      fc.property(
        configArb(true),
        fc.uniqueArray(fc.tuple(key, entry), { selector: ([k]) => k, maxLength: 5 }),
        fc.array(fc.nat()),
        ({ path, value, style, text }, added, order) => {
          const target = { serversPath: path, file: 'config.json', allowJsonc: style.jsonc };
          const existing = valueAt(value, path) ?? {};
          const fresh = added.filter(([name]) => !(name in existing));
          let current = text;
          for (const [name, e] of fresh) {
            current = addServer(current, { ...target, name, entry: e });
          }
          const names = fresh.map(([name]) => name);
          for (let i = 0; names.length > 0; i++) {
            const [name] = names.splice((order[i] ?? 0) % names.length, 1);
            current = removeServer(current, { ...target, name: name as string });
          }
          expect(current).toBe(text);
        },
      ),
      RUNS,
    );
  });

  it('a servers object that had to be created stays, empty, after the remove', () => {
    fc.assert(
      fc.property(configArb(false), key, entry, ({ path, value, style, text }, name, e) => {
        const target = { serversPath: path, file: 'config.json', allowJsonc: style.jsonc };
        const added = addServer(text, { ...target, name, entry: e });
        expect(isSubsequence(text, added)).toBe(true);
        const removed = removeServer(added, { ...target, name });
        expect(isSubsequence(text, removed)).toBe(true);
        const parsed = parseConfigText(removed, { file: 'x', allowJsonc: style.jsonc }).value;
        expect(valueAt(parsed, path)).toEqual({});
        // Apart from the created objects, the value is the original one.
        const stripped = JSON.parse(JSON.stringify(parsed)) as JsonObject;
        let parent = stripped;
        for (const k of path.slice(0, -1)) parent = (parent[k] ?? {}) as JsonObject;
        delete parent[path.at(-1) as string];
        expect(valueAt(stripped, path.slice(0, -1)) ?? {}).toEqual(
          valueAt(value, path.slice(0, -1)) ?? {},
        );
      }),
      RUNS,
    );
  });

  it('with the file before the add among the backups, add then remove gives back its bytes', () => {
    fc.assert(
      fc.property(
        configArb(false),
        configArb(true),
        key,
        entry,
        fc.array(fc.constantFrom('unrelated', 'kept'), { maxLength: 3 }),
        ({ path, style, text }, other, name, e, noise) => {
          const target = { serversPath: path, file: 'config.json', allowJsonc: style.jsonc };
          const added = addServer(text, { ...target, name, entry: e });
          const kept = removeServer(added, { ...target, name });
          // Newer backups that match no candidate (another file, a later edit) are passed over.
          const newer = noise.map((n) => (n === 'kept' ? `${other.text} ` : other.text));
          expect(removeServer(added, { ...target, name, history: [...newer, text] })).toBe(text);
          // When the newest matching version had the emptied objects, they stay.
          expect(removeServer(added, { ...target, name, history: [kept, text] })).toBe(kept);
        },
      ),
      RUNS,
    );
  });

  it('an empty servers object that was in the file stays, whatever the history holds', () => {
    fc.assert(
      fc.property(configArb(true), key, entry, ({ path, value, style, text }, name, e) => {
        const existing = valueAt(value, path) ?? {};
        fc.pre(Object.keys(existing).length === 0 && !(name in existing));
        const target = { serversPath: path, file: 'config.json', allowJsonc: style.jsonc };
        const added = addServer(text, { ...target, name, entry: e });
        expect(removeServer(added, { ...target, name, history: [text] })).toBe(text);
      }),
      RUNS,
    );
  });
});
