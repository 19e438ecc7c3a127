// What each MCP conformance client scenario needs the client under test to do,
// written once as a sequence of one-shot operations. Two backends run it:
//   client.mjs            -> each operation is one `mcp-inspect <command> --url ...` process
//   reference-client.mjs  -> each operation is one fresh connection of the plain SDK client
// The conformance runner starts the client as `<command> <server-url>` with
//   MCP_CONFORMANCE_SCENARIO          scenario name
//   MCP_CONFORMANCE_PROTOCOL_VERSION  spec version the scenario runs at (2025-11-25 or 2026-07-28)
//   MCP_CONFORMANCE_CONTEXT           JSON {name, ...scenario data}, only for some scenarios
// A backend implements: tools(o) -> Tool[], call(name, args, o), read(uri, o), prompt(name, args, o),
// resources(o), prompts(o), ping(o), info(o). `o` holds the flags of that one-shot command:
// { era: 'legacy'|'modern'|'auto', elicit?: 'decline'|'accept-defaults'|{json}, sample?, root?, headers? }.

export const MODERN = '2026-07-28';

/** Read what the conformance runner hands the client. */
export function scenarioInput(argv = process.argv, env = process.env) {
  const url = argv[argv.length - 1];
  if (!url || !/^https?:\/\//.test(url))
    throw new Error(`expected the server URL as the last argument, got ${url}`);
  const name = env.MCP_CONFORMANCE_SCENARIO;
  if (!name) throw new Error('MCP_CONFORMANCE_SCENARIO is not set');
  const version = env.MCP_CONFORMANCE_PROTOCOL_VERSION || '2025-11-25';
  const context = env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(env.MCP_CONFORMANCE_CONTEXT) : undefined;
  // Dated versions through 2025-11-25: initialize handshake. 2026-07-28: stateless, per-request _meta.
  const era = version >= MODERN ? 'modern' : 'legacy';
  return { url, name, version, context, era };
}

/** Arguments that satisfy a simple inputSchema (for tools the scenario wants called but gives no args for). */
export function sampleArgs(schema = {}) {
  const args = {};
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (!(schema.required ?? []).includes(key)) continue;
    const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    args[key] =
      prop.default ??
      (prop.enum
        ? prop.enum[0]
        : type === 'string'
          ? 'us-west1'
          : type === 'integer' || type === 'number'
            ? 1
            : type === 'boolean'
              ? true
              : type === 'array'
                ? []
                : type === 'object'
                  ? {}
                  : null);
  }
  return args;
}

/** Scenario name -> async plan(ops, input). Throwing = client exit code 1. */
export const plans = {
  // Legacy initialize handshake (protocolVersion + clientInfo.name/version checked), then anything.
  initialize: async (ops, s) => {
    await ops.tools({ era: s.era });
  },

  // Must call add_numbers with numeric a and b (no context given; names are fixed by the scenario).
  tools_call: async (ops, s) => {
    await ops.tools({ era: s.era });
    await ops.call('add_numbers', { a: 5, b: 3 }, { era: s.era });
  },

  // Server sends elicitation/create with defaults on every field; client accepts and must fill
  // the omitted fields with the schema defaults (SEP-1034).
  'elicitation-sep1034-client-defaults': async (ops, s) => {
    await ops.call(
      'test_client_elicitation_defaults',
      {},
      { era: s.era, elicit: 'accept-defaults' },
    );
  },

  // tools/call answered on SSE: priming event (id + retry: 500), stream closed after 50 ms; client must
  // reconnect with GET + Last-Event-ID no sooner than 450 ms and take the result from that stream.
  'sse-retry': async (ops, s) => {
    await ops.call('test_reconnection', {}, { era: s.era });
  },

  // Stateless era: every POST carries MCP-Protocol-Version == _meta protocolVersion, _meta has
  // protocolVersion + clientCapabilities (+ clientInfo, a SHOULD: missing = WARNING = scenario fails).
  // The first request is refused with -32022 {supported:[2026-07-28]}; the client must retry with it.
  'request-metadata': async (ops, s) => {
    await ops.tools({ era: s.era });
  },

  // SEP-2322 multi-round-trip: tools answer input_required (+/- requestState); the client fulfils the
  // embedded elicitation and retries with inputResponses, byte-exact requestState, a new JSON-RPC id.
  'sep-2322-client-request-state': async (ops, s) => {
    const o = { era: s.era, elicit: 'accept-defaults' };
    // 0.2.0-alpha.12 serves test_mrtr_echo_state, _no_state, _unrelated, _no_result_type (later
    // versions add _state_only); call whatever test_mrtr_* tools the server lists, each one-shot.
    const tools = await ops.tools(o);
    const names = tools.map((t) => t.name).filter((n) => n.startsWith('test_mrtr_'));
    if (names.length === 0) throw new Error('no test_mrtr_* tools listed');
    for (const name of names) await ops.call(name, {}, o);
  },

  // SEP-2243: Mcp-Method on every POST, Mcp-Name on tools/call, resources/read, prompts/get.
  // Methods never sent are SKIPPED (not failures), so exercise all of them.
  'http-standard-headers': async (ops, s) => {
    const o = { era: s.era };
    await ops.tools(o);
    await ops.call('test_headers', {}, o);
    await ops.resources(o);
    await ops.read('file:///path/to/file%20name.txt', o);
    await ops.prompts(o);
    await ops.prompt('test_prompt', {}, o);
  },

  // SEP-2243: the tool's inputSchema marks params with x-mcp-header; the client must mirror them as
  // Mcp-Param-<Name> headers (Base64 =?base64?...?= for unsafe values, omit null). The tool calls and
  // their exact arguments come in MCP_CONFORMANCE_CONTEXT.toolCalls. `call` must know the tool's schema,
  // i.e. list tools in the same session before calling.
  'http-custom-headers': async (ops, s) => {
    const calls = s.context?.toolCalls ?? [];
    if (calls.length === 0) throw new Error('MCP_CONFORMANCE_CONTEXT has no toolCalls');
    for (const c of calls) await ops.call(c.name, c.arguments, { era: s.era });
  },

  // SEP-2243: tools/list returns valid_tool plus 11 tools with malformed x-mcp-header annotations.
  // The client must drop the malformed ones from the list and still call valid_tool. A client error
  // exit is allowed here. We call every tool the client under test kept.
  'http-invalid-tool-headers': async (ops, s) => {
    const o = { era: s.era };
    const tools = await ops.tools(o);
    for (const t of tools) {
      try {
        await ops.call(t.name, sampleArgs(t.inputSchema), o);
      } catch (e) {
        process.stderr.write(`call ${t.name} failed: ${e.message}\n`);
      }
    }
  },

  // SEP-2106: a tool inputSchema has "$ref": "<server>/canary/profile-schema.json"; list tools and
  // never fetch the canary URL.
  'json-schema-ref-no-deref': async (ops, s) => {
    await ops.tools({ era: s.era });
  },

  // SEP-1613/2106: list tools, then call json_schema_echo with {schema: <inputSchema of
  // json_schema_2020_12_tool exactly as the client kept it>}; $schema, $defs, additionalProperties,
  // $anchor, allOf/anyOf, if/then/else must survive.
  'json-schema-2020-12-preservation': async (ops, s) => {
    const tools = await ops.tools({ era: s.era });
    const focal = tools.find((t) => t.name === 'json_schema_2020_12_tool');
    if (!focal) throw new Error('json_schema_2020_12_tool not listed');
    await ops.call('json_schema_echo', { schema: focal.inputSchema }, { era: s.era });
  },

  // Extension io.modelcontextprotocol/skills (SEP-2640), not on the spec timeline and in no
  // requirement set. They test a skills *host*: skills/list, then loading SKILL.md lazily and
  // verifying digest/size/frontmatter. mcp-inspect is not a skills host; connecting only leaves
  // their checks SKIPPED/untestable. Run for visibility, not counted.
  'sep-2640-client-no-prefetch': async (ops, s) => {
    await ops.ping({ era: s.era });
  },
  'sep-2640-client-verify-digest': async (ops, s) => {
    await ops.ping({ era: s.era });
  },
  'sep-2640-client-verify-size': async (ops, s) => {
    await ops.ping({ era: s.era });
  },
  'sep-2640-client-verify-frontmatter': async (ops, s) => {
    await ops.ping({ era: s.era });
  },
};

/** Auth scenarios: the runner's auth server auto-approves, so a headless OAuth client can finish
 *  the authorization-code flow by fetching the authorization URL without following the redirect
 *  and taking `code` (and `iss`) from its Location. Every auth/* scenario then expects: connect,
 *  tools/list and a call of `test-tool` with a valid bearer token. Per-scenario credentials come in
 *  MCP_CONFORMANCE_CONTEXT (pre-registration: client_id/client_secret; client-credentials-*:
 *  client_id + client_secret or private_key_pem/signing_algorithm). */
export function authOptions(s) {
  const c = s.context ?? {};
  if (s.name === 'auth/client-credentials-basic')
    return { grant: 'client_credentials', clientId: c.client_id, clientSecret: c.client_secret };
  if (s.name === 'auth/client-credentials-jwt')
    return {
      grant: 'client_credentials',
      clientId: c.client_id,
      privateKeyPem: c.private_key_pem,
      signingAlgorithm: c.signing_algorithm,
    };
  return {
    grant: 'authorization_code',
    clientId: c.client_id,
    clientSecret: c.client_secret,
    // CIMD: a URL-shaped client_id the scenario's AS accepts when it advertises
    // client_id_metadata_document_supported (auth/basic-cimd).
    clientMetadataUrl: 'https://conformance-test.local/client-metadata.json',
  };
}

async function authPlan(ops, s) {
  const o = { era: s.era, oauth: authOptions(s) };
  await ops.call('test-tool', {}, o);
}

/** Run the plan for the scenario the runner asked for. */
export async function runScenario(ops, input = scenarioInput()) {
  const plan = plans[input.name] ?? (input.name.startsWith('auth/') ? authPlan : undefined);
  if (!plan) throw new Error(`no plan for scenario ${input.name}`);
  await plan(ops, input);
}
