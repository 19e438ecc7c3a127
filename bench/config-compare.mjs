// What today's installers do to a Claude Desktop config, next to mcp-config: for every
// fixture in bench/lib/config-fixtures.mjs, "add a server named weather running
// `uv --directory /srv/weather run weather`" with each tool, in a temp HOME (and
// XDG_CONFIG_HOME) holding the fixture where the tool looks for it, then "remove weather"
// where the tool has a remove command. Records exit code, whether the other bytes were
// kept, whether the result parses as strict JSON, whether a backup was made, and what the
// tool said. The competitors are installed once into .bench/compare/, pinned below.
//   node bench/config-compare.mjs [--write docs/config-comparison.md] [--date YYYY-MM-DD]
// Prints the table as Markdown; --write puts it between the generated-section markers of
// that file (the hand-written text around them stays).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseJsonc } from 'jsonc-parser';
import { FIXTURES } from './lib/config-fixtures.mjs';
import { npmInstall, readJson, ROOT, SCRATCH } from './lib/inspect.mjs';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'string' },
    date: { type: 'string' },
    // accepted (and ignored) so that `npm run bench -- --all 10` can pass them on
    runs: { type: 'string' },
    warmup: { type: 'string' },
  },
  allowPositionals: true,
});

/** The versions this comparison was made with; change them here to compare others. */
const PINNED = { 'add-mcp': '2.4.0', 'install-mcp': '1.10.2' };
const COMPARE = join(SCRATCH, 'compare');
const MCP_CONFIG = join(ROOT, 'packages/config/dist/bin.js');
if (!existsSync(MCP_CONFIG))
  throw new Error(`${MCP_CONFIG} is missing: run \`npm run build\` first`);

function ensureCompetitors() {
  const stale = Object.entries(PINNED).filter(([name, version]) => {
    const file = join(COMPARE, 'node_modules', name, 'package.json');
    return !existsSync(file) || readJson(file).version !== version;
  });
  if (stale.length > 0) {
    const specs = Object.entries(PINNED).map(([name, version]) => `${name}@${version}`);
    console.error(`installing ${specs.join(' ')} into ${COMPARE} (once)…`);
    npmInstall(COMPARE, specs, ['--save-exact']);
  }
}
ensureCompetitors();
const binOf = (name) => {
  const dir = join(COMPARE, 'node_modules', name);
  const { bin } = readJson(join(dir, 'package.json'));
  return join(dir, typeof bin === 'string' ? bin : Object.values(bin)[0]);
};

const SERVER = ['uv', '--directory', '/srv/weather', 'run', 'weather'];
const node = process.execPath;
/** Each tool: how to add and (when it can) remove `weather` for Claude Desktop. */
const TOOLS = [
  {
    name: 'mcp-config',
    version: readJson(join(ROOT, 'packages/config/package.json')).version,
    add: (file) => [node, [MCP_CONFIG, 'add', 'weather', '--config', file, '--', ...SERVER]],
    remove: (file) => [node, [MCP_CONFIG, 'remove', 'weather', '--config', file]],
    shown: 'mcp-config add weather --config FILE -- uv --directory /srv/weather run weather',
    shownRemove: 'mcp-config remove weather --config FILE',
  },
  {
    name: 'add-mcp',
    version: PINNED['add-mcp'],
    add: () => [
      node,
      [
        binOf('add-mcp'),
        SERVER.join(' '),
        '--name',
        'weather',
        '--agent',
        'claude-desktop',
        '--global',
        '--yes',
      ],
    ],
    remove: () => [
      node,
      [binOf('add-mcp'), 'remove', 'weather', '--agent', 'claude-desktop', '--global', '--yes'],
    ],
    shown:
      "add-mcp 'uv --directory /srv/weather run weather' --name weather --agent claude-desktop --global --yes",
    shownRemove: 'add-mcp remove weather --agent claude-desktop --global --yes',
  },
  {
    name: 'install-mcp',
    version: PINNED['install-mcp'],
    add: () => [
      node,
      [binOf('install-mcp'), SERVER.join(' '), '--name', 'weather', '--client', 'claude', '--yes'],
    ],
    remove: null,
    shown:
      "install-mcp 'uv --directory /srv/weather run weather' --name weather --client claude --yes",
    shownRemove: '(no remove command)',
  },
];

/** Every file under `dir`: relative path → bytes. */
function snapshot(dir) {
  const files = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

function run([command, args], sandbox) {
  const home = join(sandbox, 'home');
  const result = spawnSync(command, args, {
    cwd: join(sandbox, 'project'),
    env: {
      PATH: process.env.PATH,
      HOME: home,
      USERPROFILE: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      APPDATA: join(home, 'AppData/Roaming'),
      LOCALAPPDATA: join(home, 'AppData/Local'),
      CI: 'true',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      TERM: 'dumb',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = clean(`${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  return {
    status: result.status ?? result.signal ?? result.error?.code,
    output,
    stderr: clean(result.stderr ?? ''),
  };
}

/** Output without colours, cursor codes, banners and box drawing; one line per message. */
function clean(text) {
  return (
    text
      // eslint-disable-next-line no-control-regex -- ANSI escapes are what this strips
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .split('\n')
      .map((line) => line.replace(/[│┌└├╮╯─◇◆●◒◐◓◑▲■]/g, '').trim())
      .filter((line) => line && !/[█╗╔╝╚║═]/.test(line))
      .join('\n')
  );
}

const text = (bytes) => bytes.toString('utf8');
function strictParse(bytes) {
  try {
    return { ok: true, value: JSON.parse(text(bytes).replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, error: error.message };
  }
}
function indentOf(s) {
  const m = /\n([ \t]+)\S/.exec(s);
  if (!m) return 'no indent';
  return m[1].startsWith('\t') ? 'tabs' : `${m[1].length}-space`;
}
const hasWeather = (value) => {
  const entry = value?.mcpServers?.weather;
  return (
    !!entry &&
    /(^|[\\/])uv(\.exe)?$/.test(entry.command ?? '') &&
    JSON.stringify(entry.args) === JSON.stringify(SERVER.slice(1))
  );
};

/** How `after` differs from `before`, when it is not a pure insertion. */
function rewriteNotes(before, after) {
  const b = text(before);
  const a = text(after);
  const notes = [indentOf(a) !== indentOf(b) ? indentOf(a) : `${indentOf(a)} kept`];
  if (b.startsWith('\uFEFF') && !a.startsWith('\uFEFF')) notes.push('lost BOM');
  if (b.includes('\r\n') && !a.includes('\r\n')) notes.push('CRLF→LF');
  if (/^\s*\/\//m.test(b) && !/^\s*\/\//m.test(a)) notes.push('lost comment');
  if (/\n$/.test(b) && !/\n$/.test(a)) notes.push('no final newline');
  if (/[^\p{ASCII}]/u.test(b) && /\\u00[0-9a-f]{2}/i.test(a) && !/\\u00/i.test(b))
    notes.push('non-ASCII as \\u escapes');
  const old = parseJsonc(b.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) ?? {};
  const parsed = strictParse(after);
  const now = parsed.ok ? parsed.value : (parseJsonc(a.replace(/^\uFEFF/, '')) ?? {});
  const lostTop = Object.keys(old).filter((k) => !(k in (now ?? {})));
  const lostServers = Object.keys(old.mcpServers ?? {}).filter(
    (k) => !(k in (now?.mcpServers ?? {})),
  );
  const onlyNew =
    now &&
    Object.keys(now).join() === 'mcpServers' &&
    Object.keys(now.mcpServers ?? {}).join() === 'weather';
  if (onlyNew && (lostTop.length || lostServers.length))
    notes.push('replaced the whole file with just the new server');
  else {
    if (lostTop.length) notes.push(`dropped ${lostTop.join(', ')}`);
    if (lostServers.length)
      notes.push(
        `dropped ${lostServers.length} of ${Object.keys(old.mcpServers ?? {}).length} servers`,
      );
  }
  // A duplicate key collapsed to one (both parsers keep the last).
  for (const key of Object.keys(old.mcpServers ?? {})) {
    const count = (t) => t.split(`"${key}":`).length - 1;
    if (count(b) > 1 && count(a) < count(b)) notes.push(`kept ${count(a)} of ${count(b)} "${key}"`);
  }
  // Lines of the original that are gone (reflowed, reformatted), beyond those noted above.
  // (Not counted when the indent or line endings changed: then every line did.)
  if (!onlyNew && indentOf(a) === indentOf(b) && !notes.includes('CRLF→LF')) {
    const left = new Map();
    for (const line of a.replace(/^\uFEFF/, '').split(/\r?\n/))
      left.set(line, (left.get(line) ?? 0) + 1);
    let gone = 0;
    for (const line of b.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      if (left.get(line) > 0) left.set(line, left.get(line) - 1);
      else gone++;
    }
    if (gone) notes.push(`${gone} other original line${gone === 1 ? '' : 's'} changed`);
  }
  return notes;
}

/** Byte-level: is `after` exactly `before` with one run of bytes inserted? */
function insertion(before, after) {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (
    s < before.length - p &&
    s < after.length - p &&
    before[before.length - 1 - s] === after[after.length - 1 - s]
  )
    s++;
  if (p + s < before.length) return null;
  return text(after.subarray(p, after.length - s));
}

function short(output, max = 90) {
  let line =
    output.split('\n').find((l) => /error|invalid|fail|refus|cannot|not |unexpected/i.test(l)) ??
    output.split('\n')[0] ??
    '';
  line = line.replace(/^Error: \S+?:(\d+):(\d+): /, 'line $1:$2 ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function setUp(fixture) {
  const sandbox = mkdtempSync(join(tmpdir(), `cfg-cmp-${fixture.id}-`));
  mkdirSync(join(sandbox, 'project'));
  const dir = join(sandbox, 'home/.config/Claude');
  mkdirSync(fixture.dir === false ? join(sandbox, 'home/.config') : dir, { recursive: true });
  const file = join(dir, 'claude_desktop_config.json');
  if (fixture.text !== null) writeFileSync(file, fixture.text);
  return { sandbox, file, rel: relative(sandbox, file) };
}

function attempt(tool, fixture) {
  const { sandbox, file, rel } = setUp(fixture);
  const original = fixture.text === null ? null : Buffer.from(fixture.text);
  const before = snapshot(sandbox);
  const added = run(tool.add(file), sandbox);
  const afterSnap = snapshot(sandbox);
  const after = afterSnap.get(rel) ?? null;
  const changed = !(after === null
    ? original === null
    : original !== null && after.equals(original));
  const others = [...afterSnap.keys()].filter((k) => k !== rel && !before.has(k));
  const backup = original !== null && others.some((k) => afterSnap.get(k).equals(original));
  const otherWrites = others.filter(
    (k) => !(original !== null && afterSnap.get(k).equals(original)),
  );
  const parsed = after ? strictParse(after) : null;

  const facts = { exit: added.status, changed, backup, otherWrites, said: added.output };
  let outcome;
  if (!changed) {
    outcome =
      added.status === 0
        ? 'exit 0 but file unchanged'
        : `refused: ${short(added.output)}, exit ${added.status}; file untouched`;
  } else {
    const parts = [];
    if (after === null) parts.push('deleted the file');
    else if (original === null || original.length === 0)
      parts.push(`created file (${indentOf(text(after))})`);
    else {
      const inserted = insertion(original, after);
      if (inserted !== null && inserted.includes('"weather"')) parts.push('kept bytes ✓');
      else parts.push(`rewrote file (${rewriteNotes(original, after).join(', ')})`);
    }
    if (after !== null) {
      parts.push(parsed.ok ? 'parses ✓' : 'result does not parse ✗');
      if (parsed.ok && !hasWeather(parsed.value)) parts.push('no weather entry ✗');
    }
    if (original !== null && original.length > 0) parts.push(backup ? 'backup ✓' : 'no backup');
    parts.push(`exit ${added.status}`);
    outcome = parts.join(', ');
  }
  facts.outcome = outcome;

  // Remove after a successful add: back to the original bytes?
  if (tool.remove && added.status === 0 && changed) {
    const removed = run(tool.remove(file), sandbox);
    const final = existsSync(file) ? readFileSync(file) : null;
    const same = final === null ? original === null : original !== null && final.equals(original);
    facts.remove =
      removed.status !== 0
        ? `refused: ${short(removed.output)}, exit ${removed.status}`
        : same
          ? 'original bytes ✓'
          : final === null
            ? 'deleted the file ✗'
            : `differs ✗ (${!original?.length ? `left ${JSON.stringify(text(final).slice(0, 40))}` : rewriteNotes(original, final).join(', ')})`;
    facts.removeSaid = removed.output;
  } else if (tool.remove) facts.remove = 'n/a (add did not change the file)';
  else facts.remove = 'no remove command';
  rmSync(sandbox, { recursive: true, force: true });
  return facts;
}

const results = FIXTURES.map((fixture) => ({
  fixture,
  byTool: Object.fromEntries(TOOLS.map((tool) => [tool.name, attempt(tool, fixture)])),
}));

// ── Markdown ────────────────────────────────────────────────────────────────────────────
const date = flags.date ?? new Date().toISOString().slice(0, 10);
const cell = (s) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const header = (first) =>
  `| ${first} | ${TOOLS.map((t) => `${t.name} ${t.version}`).join(' | ')} |\n|---|${TOOLS.map(() => '---').join('|')}|`;
const lines = [];
lines.push(
  `Run on ${date} with Node ${process.version} on ${process.platform} by \`node bench/config-compare.mjs\`.`,
  '',
  'Commands (each in a temp `HOME` and `XDG_CONFIG_HOME`, the fixture at `$XDG_CONFIG_HOME/Claude/claude_desktop_config.json`, which is where all three look on Linux; stdin closed, `CI=true`):',
  '',
  ...TOOLS.map((t) => `- ${t.name} ${t.version}: \`${t.shown}\`; remove: \`${t.shownRemove}\``),
  '',
  '"kept bytes ✓" means the file after `add` is the original with one run of bytes inserted (the new entry); "parses" means strict `JSON.parse` (after a leading BOM) and a `weather` entry with the right args; "backup ✓" means a new file holding the original bytes appeared somewhere under the temp HOME.',
  '',
  '### add weather',
  '',
  header('fixture'),
  ...results.map(
    ({ fixture, byTool }) =>
      `| ${fixture.label} | ${TOOLS.map((t) => cell(byTool[t.name].outcome)).join(' | ')} |`,
  ),
  '',
  '### remove weather after that add: original bytes back?',
  '',
  header('fixture'),
  ...results.map(
    ({ fixture, byTool }) =>
      `| ${fixture.label} | ${TOOLS.map((t) => cell(byTool[t.name].remove)).join(' | ')} |`,
  ),
  '',
  '### What each tool said',
  '',
);
for (const { fixture, byTool } of results) {
  lines.push(`**${fixture.label}**`, '');
  for (const t of TOOLS) {
    const f = byTool[t.name];
    const all = f.said.split('\n');
    const said = (all.length > 6 ? [...all.slice(0, 3), '…', ...all.slice(-3)] : all).join(' / ');
    const extra = f.otherWrites.length ? ` (also wrote: ${f.otherWrites.join(', ')})` : '';
    lines.push(
      `- ${t.name}: exit ${f.exit}${extra}: ${said.length > 400 ? `${said.slice(0, 399)}…` : said || '(nothing)'}`,
    );
  }
  lines.push('');
}
const markdown = lines.join('\n').replaceAll(`${tmpdir()}/`, '$TMP/');
console.log(markdown);

if (flags.write) {
  const START = '<!-- generated by bench/config-compare.mjs: start -->';
  const END = '<!-- generated by bench/config-compare.mjs: end -->';
  const target = resolve(flags.write);
  const block = `${START}\n${markdown}\n${END}`;
  let doc;
  if (existsSync(target)) {
    const old = readFileSync(target, 'utf8');
    const a = old.indexOf(START);
    const b = old.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${target} has no generated-section markers`);
    doc = old.slice(0, a) + block + old.slice(b + END.length);
  } else {
    mkdirSync(join(target, '..'), { recursive: true });
    doc = `# mcp-config next to today's installers\n\n${block}\n\n## What stands out\n\n(to be written)\n`;
  }
  writeFileSync(target, doc);
  console.error(`wrote ${target}`);
}
