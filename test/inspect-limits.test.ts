// A hostile or broken server cannot exhaust mcp-inspect's memory or time: message sizes are
// bounded while reading (stdio, HTTP bodies, SSE events, after decompression), lists are
// bounded across their pages, and --max-time bounds a request whatever its progress.
// Peak memory is the kernel's high-water mark of the real process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SERVER } from './support/inspect.js';
import { makeTempDir, ROOT } from './support/paths.js';
import { startInspect, trackPeakMemory } from './support/processes.js';

const HOSTILE_HTTP = join(ROOT, 'test/fixtures/hostile-http.mjs');
// Generous for a Node process holding a 64 MiB message; the failures this guards against
// reached 2 to 9 GB.
const PEAK_LIMIT_MB = 400;

/** Starts a fixture that prints "listening on <url>" on stderr; resolves with the URL. */
function startHttpFixture(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve({ url: match[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`fixture exited ${code}: ${text}`)));
  });
}

/** Runs mcp-inspect to the end, measuring its peak memory and its time. */
async function measure(args: string[]) {
  const started = Date.now();
  const live = startInspect(args);
  const peak = trackPeakMemory(live.child.pid!);
  const result = await live.done;
  return { ...result, peakMb: peak(), ms: Date.now() - started };
}

describe('a hostile HTTP endpoint', () => {
  let base: string;
  let fixture: ChildProcess;
  beforeAll(async () => {
    ({ url: base, child: fixture } = await startHttpFixture([HOSTILE_HTTP]));
  });
  afterAll(() => fixture?.kill());

  it.each([
    ['an SSE line that never ends', 'endless-sse'],
    ['a gzip bomb (256 KiB inflating to 256 MiB)', 'gzip-bomb'],
    ['a 1 GiB body', 'huge-body'],
    ['a declared Content-Length of 1 GiB', 'declared-huge'],
  ])('%s: stopped at --max-size with bounded memory, said so (exit 3)', async (_label, route) => {
    const result = await measure(['tools', '--url', `${base}/${route}`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/larger than 64 MiB during the handshake \(--max-size 64 MiB\)/);
    expect(result.stderr).toMatch(/raise --max-size/);
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
    console.log(`${route}: peak ${result.peakMb} MB, ${result.ms} ms`);
  });

  it('a smaller --max-size stops sooner', async () => {
    const result = await measure(['tools', '--max-size', '1MiB', '--url', `${base}/huge-body`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/larger than 1 MiB/);
  });
});

describe('lists whose pages never end', () => {
  it('stdio: 2 MiB pages stop at 64 MiB in all, with bounded memory (exit 3)', async () => {
    const result = await measure([
      'tools',
      '--',
      process.execPath,
      TEST_SERVER,
      '--endless-pages',
      '2048',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /While listing tools, the server sent replies larger than 64 MiB in all/,
    );
    expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
    console.log(`endless pages (stdio): peak ${result.peakMb} MB, ${result.ms} ms`);
  });

  it('Streamable HTTP: the same bound', async () => {
    const { url, child } = await startHttpFixture([
      TEST_SERVER,
      '--http',
      '0',
      '--endless-pages',
      '2048',
    ]);
    try {
      const result = await measure(['tools', '--url', url]);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/replies larger than 64 MiB in all/);
      expect(result.peakMb).toBeLessThan(PEAK_LIMIT_MB);
      console.log(`endless pages (HTTP): peak ${result.peakMb} MB, ${result.ms} ms`);
    } finally {
      child.kill();
    }
  });
});

describe('one message over --max-size', () => {
  const big = ['call', 'big', '--arg', 'kb=3072', '--max-size', '2MiB', '--timeout', '60000'];

  it('stdio: said at once as too large, not as a timeout (exit 3)', async () => {
    const result = await measure([...big, '--', process.execPath, TEST_SERVER]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /While calling "big", the server sent a message larger than 2 MiB \(--max-size\)/,
    );
    expect(result.stderr).not.toMatch(/timed out/);
    expect(result.ms).toBeLessThan(30_000);
  });

  it('Streamable HTTP: the same', async () => {
    const { url, child } = await startHttpFixture([TEST_SERVER, '--http', '0']);
    try {
      const result = await measure([...big, '--url', url]);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/larger than 2 MiB/);
      expect(result.stderr).not.toMatch(/timed out/);
    } finally {
      child.kill();
    }
  });

  it('a message under the bound passes', async () => {
    const result = await measure([
      'call',
      'big',
      '--arg',
      'kb=1024',
      '--max-size',
      '2MiB',
      '--json',
      '--',
      process.execPath,
      TEST_SERVER,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { content: { text: string }[] };
    expect(json.content[0]!.text.length).toBe(1024 * 1024);
  });
});

describe('--max-time', () => {
  // `slow` sends progress every 250 ms for 20 s; each progress resets --timeout.
  const slow = ['call', 'slow', '--arg', 'ms=20000', '--arg', 'steps=80', '--timeout', '2000'];

  it('progress cannot keep a request running past --max-time (exit 4)', async () => {
    const result = await measure([
      ...slow,
      '--max-time',
      '3000',
      '--',
      process.execPath,
      TEST_SERVER,
    ]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/did not finish within --max-time 3000 ms/);
    expect(result.stderr).toMatch(/progress \d+\/80/);
    // Bounded by --max-time plus start-up and stopping the server, far below the 20 s.
    expect(result.ms).toBeLessThan(15_000);
  });

  it('defaults to 10 x --timeout', async () => {
    // Progress every 50 ms keeps resetting the 1 s timeout, whatever the machine's load.
    const result = await measure([
      'call',
      'slow',
      '--arg',
      'ms=60000',
      '--arg',
      'steps=1200',
      '--timeout',
      '1000',
      '--',
      process.execPath,
      TEST_SERVER,
    ]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/did not finish within --max-time 10000 ms/);
  });

  it('a bad value is a usage error', async () => {
    const result = await measure([
      'tools',
      '--max-time',
      'soon',
      '--',
      process.execPath,
      TEST_SERVER,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--max-time must be a positive number of milliseconds/);
    const size = await measure([
      'tools',
      '--max-size',
      'huge',
      '--',
      process.execPath,
      TEST_SERVER,
    ]);
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/--max-size must be a size such as 64MiB/);
  });
});

describe('a config file that is not a regular file (mcp-inspect --server)', () => {
  it.each([
    ['a link to /dev/zero', 'a character device', (file: string) => symlinkSync('/dev/zero', file)],
    ['a FIFO', 'a FIFO', (file: string) => execFileSync('mkfifo', [file])],
  ])('%s is refused at once with bounded memory (exit 2)', async (_label, kind, make) => {
    const home = makeTempDir('home');
    const dir = join(home, '.config', 'Claude');
    mkdirSync(dir, { recursive: true });
    make(join(dir, 'claude_desktop_config.json'));
    const started = Date.now();
    const live = startInspect(['tools', '--server', 'weather'], {
      HOME: home,
      XDG_CONFIG_HOME: '',
    });
    const peak = trackPeakMemory(live.child.pid!);
    const result = await live.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is ${kind}`);
    expect(peak()).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
