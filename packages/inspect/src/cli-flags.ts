// The flags of mcp-inspect's commands, as commander declares them; cli.ts builds the program.
import { type Command, Option } from 'commander';

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** The connection and output flags every command takes. */
export function withCommonOptions(command: Command): Command {
  command
    .option('--url <url>', 'Streamable HTTP endpoint (falls back to legacy SSE)')
    .option('--sse', 'use the legacy HTTP+SSE transport for --url')
    .option('--header <header>', "HTTP header 'Name: value' (repeatable)", collect, [])
    .option('--bearer <token>', 'bearer token for --url (default: $MCP_BEARER_TOKEN)')
    .option(
      '--env <KEY=VALUE>',
      'environment variable for a stdio server (repeatable)',
      collect,
      [],
    )
    .option('--cwd <dir>', 'working directory of a stdio server')
    .option('--server <name>', "a server from a client's config, launched as that client would")
    .option(
      '--client <client>',
      'whose config --server reads: claude-desktop (default), claude-code, cursor, vscode, windsurf, gemini-cli',
    )
    .option('--config <file>', 'read --server from this config file')
    .addOption(
      new Option(
        '--era <era>',
        'protocol era: legacy (2025, initialize), modern (2026-07-28), auto (default: legacy, or modern when the server refuses the 2025 handshake)',
      ).choices(['legacy', 'modern', 'auto']),
    )
    .option(
      '--timeout <ms>',
      'bound on the handshake and on each wait for a reply (reset by progress)',
      '30000',
    )
    .option(
      '--max-time <ms>',
      'bound on the whole of one request, which progress cannot extend (default: 10 x --timeout)',
    )
    .option(
      '--max-size <size>',
      'largest message accepted from the server, and largest list across its pages (e.g. 64MiB)',
      '64MiB',
    )
    .option('--json', 'print exactly one JSON document on stdout; errors as JSON on stderr')
    .option('--stderr', "print the server's stderr as it comes")
    .option(
      '--root <dir>',
      'offer this directory as a root (repeatable; default: none)',
      collect,
      [],
    )
    .option(
      '--elicit <policy>',
      'answer elicitation: decline, accept-defaults or json:FILE',
      'decline',
    )
    .option('--sample <policy>', 'answer sampling: decline or reply:TEXT', 'decline');
  return withOAuthOptions(command);
}

/** The OAuth flags (for --url): see `mcp-inspect --help`. */
function withOAuthOptions(command: Command): Command {
  return command
    .option('--oauth', 'sign in with OAuth (MCP authorization); tokens are cached in ~/.mcpkit')
    .option(
      '--oauth-headless',
      'authorize without a browser: fetch the URL and follow its redirects (auto-approving servers, CI)',
    )
    .addOption(
      new Option('--oauth-grant <grant>', 'OAuth grant')
        .choices(['authorization_code', 'client_credentials'])
        .default(undefined, 'authorization_code'),
    )
    .option('--oauth-client-id <id>', 'a pre-registered OAuth client (default: register one)')
    .option(
      '--oauth-client-secret <secret>',
      'its secret (default: $MCP_OAUTH_CLIENT_SECRET; prefer the variable)',
    )
    .option(
      '--oauth-client-metadata-url <url>',
      'https URL of a Client ID Metadata Document, used as the client_id where supported',
    )
    .option(
      '--oauth-client-key <file>',
      'PEM private key for private_key_jwt client authentication',
    )
    .option('--oauth-client-key-alg <alg>', 'its signing algorithm (default: RS256)')
    .option('--oauth-scope <scope>', 'scope to request (default: chosen from the server)')
    .option(
      '--oauth-redirect-port <port>',
      'fixed loopback port for the redirect URI http://127.0.0.1:PORT/callback',
    )
    .option(
      '--oauth-timeout <ms>',
      'how long to wait for the browser to come back (default: 300000)',
    );
}

/** `--arg`, `--args` and `--no-validate`, as commander hands them over. */
export interface ArgumentFlags {
  arg: string[];
  args?: string;
  validate: boolean;
}

export const argumentOptions = (command: Command) =>
  command
    .option('--arg <key=value>', 'one argument, coerced by the schema (repeatable)', collect, [])
    .option('--args <json>', 'all arguments as a JSON object')
    .option('--no-validate', 'send the arguments without checking them against the schema');

/** Arguments of `call` and `prompt` from their flags. */
export const argumentsOf = (flags: ArgumentFlags) => ({
  arg: flags.arg,
  args: flags.args,
  validate: flags.validate,
});
