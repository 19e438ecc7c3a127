#!/usr/bin/env node
// Conformance client command: `node conformance/client.mjs <server-url>` (the suite appends the URL
// and sets MCP_CONFORMANCE_SCENARIO / _PROTOCOL_VERSION / _CONTEXT). Runs the scenario's plan
// (scenarios.mjs) as a sequence of one-shot `mcp-inspect` commands, each its own process:
//   mcp-inspect tools|resources|prompts|ping|info --url URL --era legacy|modern [--json]
//   mcp-inspect call <tool> --args '<json>' ...   read <uri> ...   prompt <name> --args '<json>' ...
//   [--elicit decline|accept-defaults|json:FILE] [--sample reply:TEXT|decline] [--root DIR] [--header 'K: V']
// Auth scenarios: --oauth --oauth-headless [--oauth-client-id ID [--oauth-client-secret S]]
// [--oauth-client-metadata-url URL] [--oauth-grant client_credentials [--oauth-client-key FILE
// --oauth-client-key-alg ALG]]. Each scenario gets a fresh HOME (removed at exit), so the token
// cache starts empty.
// MCP_INSPECT_BIN overrides the binary (default: packages/inspect/dist/bin.js on this Node).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from './scenarios.mjs';

const BIN =
  process.env.MCP_INSPECT_BIN ??
  fileURLToPath(new URL('../packages/inspect/dist/bin.js', import.meta.url));
const url = process.argv[process.argv.length - 1];
const log = (...a) => process.stderr.write(`[client] ${a.join(' ')}\n`);
let scratch;

function flags(o) {
  const f = ['--url', url, '--era', o.era ?? 'legacy', '--json'];
  if (o.elicit)
    f.push('--elicit', typeof o.elicit === 'object' ? `json:${o.elicit.json}` : o.elicit);
  if (o.sample) f.push('--sample', o.sample);
  if (o.root) f.push('--root', o.root);
  for (const [k, v] of Object.entries(o.headers ?? {})) f.push('--header', `${k}: ${v}`);
  if (o.oauth) {
    const a = o.oauth;
    // The suite's authorization servers approve at once: no browser.
    f.push('--oauth', '--oauth-headless');
    if (a.grant === 'client_credentials') f.push('--oauth-grant', 'client_credentials');
    if (a.clientId) f.push('--oauth-client-id', a.clientId);
    if (a.clientSecret) f.push('--oauth-client-secret', a.clientSecret);
    if (a.clientMetadataUrl && !a.clientId)
      f.push('--oauth-client-metadata-url', a.clientMetadataUrl);
    if (a.privateKeyPem) {
      const file = join(scratchDir(), 'client-key.pem');
      writeFileSync(file, a.privateKeyPem, { mode: 0o600 });
      f.push('--oauth-client-key', file, '--oauth-client-key-alg', a.signingAlgorithm || 'ES256');
    }
  }
  return f;
}

function scratchDir() {
  scratch ??= mkdtempSync(join(tmpdir(), 'mcpkit-conformance-'));
  return scratch;
}

/** argv for the log, quoted, with secrets masked. */
function shown(argv) {
  return argv
    .map((a, i) => (argv[i - 1] === '--oauth-client-secret' ? '***' : a))
    .map((a) => (/[\s'"{]/.test(a) ? `'${a}'` : a))
    .join(' ');
}

function inspect(args, o) {
  const argv = [BIN, ...args, ...flags(o)];
  log('mcp-inspect', shown(argv.slice(1)));
  // A HOME of this scenario's own: OAuth tokens are cached under it, so scenarios (and ports the
  // suite reuses) never see each other's tokens, and nothing reads or writes the real home folder.
  // Operations of one scenario share it.
  const env = { ...process.env, HOME: scratchDir(), USERPROFILE: scratchDir() };
  // Below run.sh's limit for the whole scenario (90 s), so a hung operation is reported as such.
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 60_000, env });
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.error) throw r.error;
  if (r.status !== 0)
    throw new Error(`mcp-inspect ${args[0]} exited ${r.status}: ${r.stdout.slice(0, 500)}`);
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`mcp-inspect ${args[0]} --json printed no JSON: ${r.stdout.slice(0, 500)}`);
  }
}

const list = (doc, key) => (Array.isArray(doc) ? doc : (doc?.[key] ?? []));
const ops = {
  tools: async (o) => list(inspect(['tools'], o), 'tools'),
  resources: async (o) => list(inspect(['resources'], o), 'resources'),
  prompts: async (o) => list(inspect(['prompts'], o), 'prompts'),
  ping: async (o) => inspect(['ping'], o),
  info: async (o) => inspect(['info'], o),
  // Conformance sends arguments verbatim (e.g. an explicit null), so skip the schema check.
  call: async (name, args, o) =>
    inspect(['call', name, '--no-validate', '--args', JSON.stringify(args ?? {})], o),
  read: async (uri, o) => inspect(['read', uri], o),
  prompt: async (name, args, o) =>
    inspect(['prompt', name, '--args', JSON.stringify(args ?? {})], o),
};

let code = 0;
try {
  await runScenario(ops);
} catch (e) {
  log('FAILED:', e?.message ?? e);
  code = 1;
}
if (scratch) rmSync(scratch, { recursive: true, force: true });
process.exit(code);
