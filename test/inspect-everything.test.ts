import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYTHING, inspect, inspectJson, startEverythingHttp } from './support/inspect.js';
import { freePort } from './support/mcp-client.js';
import { makeTempDir } from './support/paths.js';
import type { ChildProcess } from 'node:child_process';

const server = ['--', process.execPath, EVERYTHING];

describe('mcp-inspect against server-everything over stdio', () => {
  it('lists every tool (human and JSON), in the 2025 era by default', async () => {
    const human = await inspect(['tools', ...server]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^echo\s+Echoes back the input string$/m);
    expect(human.stdout).toMatch(/^\d+ tools$/m);
    const { json } = await inspectJson<{ tools: { name: string; inputSchema: object }[] }>([
      'tools',
      ...server,
    ]);
    expect(json.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['echo', 'get-sum', 'trigger-long-running-operation']),
    );
  });

  it('info reports the server, the negotiated version and the capabilities', async () => {
    const { json } = await inspectJson<{
      server: { name: string };
      protocolVersion: string;
      era: string;
      capabilities: object;
    }>(['info', ...server]);
    expect(json).toMatchObject({
      server: { name: 'mcp-servers/everything' },
      protocolVersion: '2025-11-25',
      era: 'legacy',
      transport: 'stdio',
    });
    expect(Object.keys(json.capabilities)).toEqual(
      expect.arrayContaining(['tools', 'resources', 'prompts', 'completions']),
    );
  });

  it('--era auto falls back to the 2025 handshake; --era modern fails with a hint (exit 3)', async () => {
    const { json } = await inspectJson<{ protocolVersion: string }>([
      'info',
      '--era',
      'auto',
      ...server,
    ]);
    expect(json.protocolVersion).toBe('2025-11-25');
    const modern = await inspect(['info', '--era', 'modern', ...server]);
    expect(modern.code).toBe(3);
    expect(modern.stderr).toMatch(/does not speak the 2026-07-28 era.*\nUse --era legacy/);
  });

  it('coerces --arg by the input schema and calls the tool', async () => {
    const result = await inspect(['call', 'get-sum', '--arg', 'a=2', '--arg', 'b=3.5', ...server]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The sum of 2 and 3.5 is 5.5.');
  });

  it('--args JSON and --json give the raw CallToolResult', async () => {
    const { json } = await inspectJson<{ content: { text: string }[] }>([
      'call',
      'echo',
      '--args',
      '{"message":"héllo ✓"}',
      ...server,
    ]);
    expect(json.content[0]?.text).toBe('Echo: héllo ✓');
  });

  it('shows structuredContent that matches the outputSchema', async () => {
    const result = await inspect([
      'call',
      'get-structured-content',
      '--arg',
      'location=Chicago',
      ...server,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/structuredContent:\n\{\n\s+"temperature"/);
  });

  it('an unknown tool lists close matches (exit 2)', async () => {
    const result = await inspect(['call', 'ecko', ...server]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('Error: Unknown tool "ecko".\nDid you mean "echo"?\n');
  });

  it('arguments that break the schema are refused before sending, naming the field (exit 2)', async () => {
    const missing = await inspect(['call', 'get-sum', '--arg', 'a=1', ...server]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /do not fit the input schema of "get-sum": .*required property 'b'/,
    );
    const typo = await inspect(['call', 'get-sum', '--arg', 'a=1', '--arg', 'bb=2', ...server]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/Tool "get-sum" has no argument "bb"\.\nDid you mean "b"/);
    const notNumber = await inspect([
      'call',
      'get-sum',
      '--arg',
      'a=one',
      '--arg',
      'b=2',
      ...server,
    ]);
    expect(notNumber.stderr).toMatch(/--arg a: "one" is not a number/);
  });

  it('lists resources, templates and prompts across all pages', async () => {
    const { json: resources } = await inspectJson<{ resources: { uri: string }[] }>([
      'resources',
      ...server,
    ]);
    expect(resources.resources.length).toBeGreaterThan(0);
    const { json: templates } = await inspectJson<{ resourceTemplates: { uriTemplate: string }[] }>(
      ['templates', ...server],
    );
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain(
      'demo://resource/dynamic/text/{resourceId}',
    );
    const prompts = await inspect(['prompts', ...server]);
    expect(prompts.stdout).toMatch(/^args-prompt\s+\(city \[state\]\)/m);
  });

  it('reads a resource whose URI has colons, and a templated one', async () => {
    const { json } = await inspectJson<{ resources: { uri: string }[] }>(['resources', ...server]);
    const uri = json.resources[0]!.uri;
    const read = await inspect(['read', uri, ...server]);
    expect(read.code).toBe(0);
    expect(read.stdout.startsWith(uri)).toBe(true);
    const dynamic = await inspect(['read', 'demo://resource/dynamic/text/7', ...server]);
    expect(dynamic.code).toBe(0);
    expect(dynamic.stdout).toContain('demo://resource/dynamic/text/7');
  });

  it('an unknown resource lists what exists (exit 2)', async () => {
    const result = await inspect(['read', 'demo://nope', ...server]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Unknown resource "demo:\/\/nope"/);
  });

  it('gets a prompt with arguments, and says which are missing', async () => {
    const result = await inspect(['prompt', 'args-prompt', '--arg', 'city=Oslo', ...server]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Oslo');
    const missing = await inspect(['prompt', 'args-prompt', ...server]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Prompt "args-prompt" needs "city"\.\nPass --arg city=\.\.\./);
  });

  it('completes a prompt argument using context', async () => {
    const { json } = await inspectJson<{ completion: { values: string[] } }>([
      'complete',
      'prompt:completable-prompt',
      'name',
      '--arg',
      'department=Engineering',
      ...server,
    ]);
    expect(json.completion.values).toEqual(['Alice', 'Bob', 'Charlie']);
  });

  it('answers elicitation by policy: decline by default, values from a file with json:FILE', async () => {
    const declined = await inspect(['call', 'trigger-elicitation-request', ...server]);
    expect(declined.stdout).toContain('"action": "decline"');
    expect(declined.stderr).toMatch(/Server request elicitation\/create: declined/);
    const answers = join(makeTempDir('elicit'), 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify({
        name: 'Ada',
        check: true,
        firstLine: 'x',
        email: 'ada@example.com',
        homepage: 'https://example.com',
        birthdate: '1815-12-10',
        integer: 5,
        number: 1.5,
        untitledSingleSelectEnum: 'option1',
        titledSingleSelectEnum: 'value1',
        legacyTitledEnum: 'opt1',
        untitledMultipleSelectEnum: ['option1'],
        titledMultipleSelectEnum: ['value1'],
      }),
    );
    const accepted = await inspect([
      'call',
      'trigger-elicitation-request',
      '--elicit',
      `json:${answers}`,
      ...server,
    ]);
    expect(accepted.stdout).toContain('"action": "accept"');
    expect(accepted.stdout).toContain('Ada');
  });

  it('answers sampling with --sample reply:TEXT', async () => {
    const result = await inspect([
      'call',
      'trigger-sampling-request',
      '--arg',
      'prompt=weather?',
      '--sample',
      'reply:It is sunny',
      ...server,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('It is sunny');
  });

  it('answers roots/list with --root directories', async () => {
    const dir = makeTempDir('root');
    const result = await inspect(['call', 'get-roots-list', '--root', dir, ...server]);
    expect(result.stdout).toContain(`file://${dir}`);
  });

  it('--json errors are one JSON object on stderr and nothing on stdout', async () => {
    const result = await inspect(['call', 'nope', '--json', ...server]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr)).toMatchObject({
      error: { code: 2, message: 'Unknown tool "nope".' },
    });
  });
});

describe('mcp-inspect against server-everything over HTTP', () => {
  const servers: ChildProcess[] = [];
  let streamable: string;
  let sse: string;

  const start = (mode: 'streamableHttp' | 'sse') => startEverythingHttp(mode, servers);

  beforeAll(async () => {
    streamable = `http://127.0.0.1:${await start('streamableHttp')}/mcp`;
    sse = `http://127.0.0.1:${await start('sse')}/sse`;
  });
  afterAll(() => servers.forEach((child) => child.kill()));

  it('progress resets the timeout; without progress the call times out (exit 4)', async () => {
    // --timeout also bounds the handshake: against a server already listening it is one
    // round trip, where a stdio server would have to start up within the timeout.
    // Progress every 100 ms for 5 s against a 3 s timeout: the call outlives its timeout,
    // and only a process starved for nearly 3 s could miss a reset.
    const progressing = await inspect([
      'call',
      'trigger-long-running-operation',
      '--arg',
      'duration=5',
      '--arg',
      'steps=50',
      '--timeout',
      '3000',
      '--url',
      streamable,
    ]);
    expect(progressing.code, progressing.stderr).toBe(0);
    expect(progressing.stderr).toMatch(/progress 49\/50/);
    // Its only progress would come after a minute: the call times out at 3 s.
    const slow = await inspect([
      'call',
      'trigger-long-running-operation',
      '--arg',
      'duration=60',
      '--arg',
      'steps=1',
      '--timeout',
      '3000',
      '--url',
      streamable,
    ]);
    expect(slow.code).toBe(4);
    expect(slow.stderr).toMatch(/timed out after 3000 ms/);
  });

  it('lists tools over Streamable HTTP', async () => {
    const { json } = await inspectJson<{ tools: unknown[] }>(['tools', '--url', streamable]);
    expect(json.tools.length).toBeGreaterThan(5);
    const { json: info } = await inspectJson<{ transport: string }>(['info', '--url', streamable]);
    expect(info.transport).toBe('streamable-http');
  });

  it('falls back to legacy SSE when the endpoint is not Streamable HTTP', async () => {
    const { json } = await inspectJson<{ transport: string }>(['info', '--url', sse]);
    expect(json.transport).toBe('sse');
    const forced = await inspectJson<{ transport: string }>(['info', '--sse', '--url', sse]);
    expect(forced.json.transport).toBe('sse');
  });

  it('a wrong path is a 404 with a hint (exit 3); a closed port says so', async () => {
    const missing = await inspect(['tools', '--url', streamable.replace('/mcp', '/nope')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/answered HTTP 404\.\nCheck the path/);
    const closed = await inspect(['tools', '--url', `http://127.0.0.1:${await freePort()}/mcp`]);
    expect(closed.code).toBe(3);
    expect(closed.stderr).toMatch(/ECONNREFUSED/);
  });

  it('a bad --header is a usage error (exit 2)', async () => {
    const result = await inspect(['tools', '--url', streamable, '--header', 'no colon here']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Error: Bad --header "no colon here"\.\nWrite it as 'Name: value'/,
    );
  });
});
