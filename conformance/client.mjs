#!/usr/bin/env node
// Conformance client command: `node conformance/client.mjs <server-url>` (the suite appends the URL
// and sets MCP_CONFORMANCE_SCENARIO / _PROTOCOL_VERSION / _CONTEXT). Runs the scenario's plan
// (scenarios.mjs) as a sequence of one-shot `mcp-inspect` commands, each its own process:
//   mcp-inspect tools|resources|prompts|ping|info --url URL --era legacy|modern [--json]
//   mcp-inspect call <tool> --args '<json>' ...   read <uri> ...   prompt <name> --args '<json>' ...
//   [--elicit decline|accept-defaults|json:FILE] [--sample reply:TEXT|decline] [--root DIR] [--header 'K: V']
// Auth scenarios use flags mcp-inspect does not have yet (proposed, see README): --oauth,
// --client-id, --client-secret, --client-metadata-url, --client-key FILE --client-key-alg ALG.
// MCP_INSPECT_BIN overrides the binary (default: packages/inspect/dist/bin.js on this Node).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
    f.push('--oauth');
    if (a.clientId) f.push('--client-id', a.clientId);
    if (a.clientSecret) f.push('--client-secret', a.clientSecret);
    if (a.clientMetadataUrl && !a.clientId) f.push('--client-metadata-url', a.clientMetadataUrl);
    if (a.privateKeyPem) {
      scratch ??= mkdtempSync(join(tmpdir(), 'mcpkit-conformance-'));
      const file = join(scratch, 'client-key.pem');
      writeFileSync(file, a.privateKeyPem, { mode: 0o600 });
      f.push('--client-key', file, '--client-key-alg', a.signingAlgorithm || 'ES256');
    }
  }
  return f;
}

function inspect(args, o) {
  const argv = [BIN, ...args, ...flags(o)];
  log(
    'mcp-inspect',
    argv
      .slice(1)
      .map((a) => (/[\s'"{]/.test(a) ? `'${a}'` : a))
      .join(' '),
  );
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 25_000 });
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

try {
  await runScenario(ops);
  process.exit(0);
} catch (e) {
  log('FAILED:', e?.message ?? e);
  process.exit(1);
}
