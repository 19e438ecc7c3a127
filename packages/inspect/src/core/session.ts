import {
  Client,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { Tool } from '@modelcontextprotocol/client';

/** A server started as a child process speaking MCP on stdin/stdout. */
export interface StdioTarget {
  kind: 'stdio';
  command: string;
  args: string[];
  /** Extra environment variables on top of the SDK's safe default set. */
  env?: Record<string, string>;
  cwd?: string;
}

/** A server reached over Streamable HTTP. */
export interface HttpTarget {
  kind: 'http';
  url: string;
  headers?: Record<string, string>;
}

/** Where the server is. */
export type Target = StdioTarget | HttpTarget;

/** Which protocol era to speak: 2025 (`initialize`), 2026-07-28 (`server/discover`), or probe. */
export type Era = 'legacy' | 'modern' | 'auto';

/** Options of {@link openSession}. */
export interface SessionOptions {
  era: Era;
  /** Bound on the handshake and every request, in milliseconds. */
  timeoutMs: number;
}

/** A connected client plus what the server wrote to stderr. */
export interface Session {
  client: Client;
  /** The server's stderr so far (stdio only). */
  stderr: () => string;
  close: () => Promise<void>;
}

const MODERN_VERSION = '2026-07-28';
/** Server stderr kept in memory, from the end. */
const STDERR_LIMIT = 64 * 1024;

/** Connect to a server with the official SDK client. */
export async function openSession(target: Target, options: SessionOptions): Promise<Session> {
  const client = new Client(
    { name: 'mcp-inspect', version: '0.1.0' },
    {
      capabilities: {},
      versionNegotiation: {
        mode: options.era === 'modern' ? { pin: MODERN_VERSION } : options.era,
      },
    },
  );
  let stderr = '';
  let transport: Transport;
  if (target.kind === 'stdio') {
    const stdio = new StdioClientTransport({
      command: target.command,
      args: target.args,
      env: { ...getDefaultEnvironment(), ...target.env },
      cwd: target.cwd,
      stderr: 'pipe',
    });
    stdio.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_LIMIT);
    });
    transport = stdio;
  } else {
    transport = new StreamableHTTPClientTransport(new URL(target.url), {
      requestInit: { headers: target.headers },
    });
  }
  await client.connect(transport, { timeout: options.timeoutMs });
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** Every tool of the server, across all pages. */
export async function listAllTools(session: Session, timeoutMs: number): Promise<Tool[]> {
  const { tools } = await session.client.listTools(undefined, { timeout: timeoutMs });
  return tools;
}
