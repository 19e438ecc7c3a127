// `npm run demo`: scaffold the default Python server into a temporary folder with
// create-mcp-server, install it, and list its tools with mcp-inspect over stdio.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathWithTools } from './tools.mjs';

const root = join(import.meta.dirname, '..');
const parent = mkdtempSync(join(tmpdir(), 'mcpkit-demo-'));
const project = join(parent, 'weather');

// uv from PATH, or installed into .tools/ when the machine has none.
const env = { ...process.env, PATH: pathWithTools('demo') };

const step = (title, command, args, options = {}) => {
  console.log(`\n$ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, ...options });
  if (result.status !== 0) {
    console.error(`\nDemo stopped: "${title}" exited with ${result.status ?? result.signal}.`);
    process.exit(result.status ?? 1);
  }
};

step(
  'create-mcp-server weather --yes --no-git',
  process.execPath,
  [join(root, 'packages/create/dist/bin.js'), 'weather', '--yes', '--no-git'],
  {
    cwd: parent,
  },
);

// Launch the server exactly as the generated README tells Claude Desktop to.
const readme = readFileSync(join(project, 'README.md'), 'utf8');
const json = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
const { command, args } = JSON.parse(json).mcpServers.weather;
step(`mcp-inspect tools -- ${[command, ...args].join(' ')}`, process.execPath, [
  join(root, 'packages/inspect/dist/bin.js'),
  'tools',
  '--',
  command,
  ...args,
]);
console.log(`\nThe project is in ${project}`);
