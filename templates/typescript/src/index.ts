#!/usr/bin/env node
/**
 * Entry point: `node dist/index.js [--transport stdio|http] [--host HOST] [--port PORT]`.
 *
 * stdout carries the MCP protocol in stdio mode, so everything else goes to stderr.
 */
import { parseArgs } from 'node:util';

import { serveStdio } from '@modelcontextprotocol/server/stdio';

import { isLoopbackHost, startHttpServer } from './http.js';
import { createServer, SERVER_NAME } from './server.js';

type TransportKind = 'stdio' | 'http';

const DEFAULT_TRANSPORT: TransportKind = 'stdio';
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8000;

const USAGE = `Usage: ${SERVER_NAME} [--transport stdio|http] [--host HOST] [--port PORT]

Options (environment variable in brackets):
  --transport  transport to serve [MCP_TRANSPORT] (default: ${DEFAULT_TRANSPORT})
               stdio: for a client that starts this process; http: Streamable HTTP
  --host       HTTP bind address [MCP_HOST] (default: ${DEFAULT_HOST})
  --port       HTTP port [MCP_PORT] (default: ${DEFAULT_PORT})
  -h, --help   show this help

HTTP mode serves Streamable HTTP at /mcp; set MCP_AUTH_TOKEN to require
"Authorization: Bearer <token>" on every request.`;

class UsageError extends Error {}

interface Settings {
    transport: TransportKind;
    host: string;
    port: number;
}

function parseSettings(argv: string[], env: NodeJS.ProcessEnv): Settings | 'help' {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                transport: { type: 'string' },
                host: { type: 'string' },
                port: { type: 'string' },
                help: { type: 'boolean', short: 'h' }
            },
            strict: true,
            allowPositionals: false
        }));
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) return 'help';

    const transport = (values.transport ?? env.MCP_TRANSPORT ?? DEFAULT_TRANSPORT).trim().toLowerCase();
    if (transport !== 'stdio' && transport !== 'http') {
        throw new UsageError(`Unknown transport "${transport}": use stdio or http.`);
    }
    const host = (values.host ?? env.MCP_HOST ?? DEFAULT_HOST).trim();
    const rawPort = (values.port ?? env.MCP_PORT ?? String(DEFAULT_PORT)).trim();
    const port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535) {
        throw new UsageError(`Invalid port "${rawPort}": use a number from 0 to 65535.`);
    }
    return { transport, host, port };
}

function onShutdownSignal(close: () => Promise<void>): void {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        console.error(`${SERVER_NAME}: received ${signal}, shutting down`);
        close().then(
            () => process.exit(0),
            (error: unknown) => {
                console.error(`${SERVER_NAME}: error while shutting down:`, error);
                process.exit(1);
            }
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
    let settings: Settings | 'help';
    try {
        settings = parseSettings(process.argv.slice(2), process.env);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        console.error(`${SERVER_NAME}: ${error.message}\n\n${USAGE}`);
        process.exitCode = 2;
        return;
    }
    if (settings === 'help') {
        console.log(USAGE);
        return;
    }

    if (settings.transport === 'stdio') {
        // serveStdio answers both protocol eras (2025 `initialize` and 2026-07-28 `server/discover`)
        // from the same factory. The process exits on its own when the client closes stdin.
        const handle = serveStdio(() => createServer(), {
            onerror: error => console.error(`${SERVER_NAME}: ${error.message}`)
        });
        onShutdownSignal(() => handle.close());
        console.error(`${SERVER_NAME}: serving MCP over stdio`);
        return;
    }

    const authToken = process.env.MCP_AUTH_TOKEN?.trim() || undefined;
    const running = await startHttpServer({ host: settings.host, port: settings.port, authToken });
    onShutdownSignal(() => running.close());
    if (authToken === undefined && !isLoopbackHost(settings.host)) {
        console.error(`${SERVER_NAME}: WARNING: listening on a non-loopback address without MCP_AUTH_TOKEN`);
    }
    console.error(
        `${SERVER_NAME}: listening on ${running.url.href} (Streamable HTTP${authToken ? ', bearer token required' : ''})`
    );
}

main().catch((error: unknown) => {
    console.error(`${SERVER_NAME}: fatal:`, error);
    process.exit(1);
});
