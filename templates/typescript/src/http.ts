/**
 * Streamable HTTP serving at `/mcp`.
 *
 * - Both protocol eras are served statelessly by the SDK's `createMcpHandler`:
 *   2026-07-28 requests get a fresh server per request, 2025-era clients
 *   (`initialize`) get the SDK's stateless fallback (no sessions, GET/DELETE → 405).
 * - When bound to a loopback address, `Host` and `Origin` are checked against
 *   localhost names (DNS-rebinding protection).
 * - When a bearer token is configured, every request must carry
 *   `Authorization: Bearer <token>` (compared in constant time), else 401.
 * - The OAuth discovery and registration paths answer 404 even then: this server takes a
 *   static token, not OAuth, and a 401 there sends clients into a registration that fails
 *   with a confusing "Registration failed: 401".
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server as NodeHttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';

import { createServer } from './server.js';
import type { CreateServerOptions } from './server.js';

export const MCP_PATH = '/mcp';

export interface HttpServerOptions {
    host: string;
    /** 0 picks a free port. */
    port: number;
    /** When set (non-empty), every request needs `Authorization: Bearer <authToken>`. */
    authToken?: string | undefined;
    /** Passed to `createServer()` for every request. */
    serverOptions?: CreateServerOptions;
    /** Where to report request-handling errors; defaults to stderr. */
    onError?: (error: Error) => void;
}

export interface RunningHttpServer {
    /** The MCP endpoint, e.g. http://127.0.0.1:8000/mcp */
    url: URL;
    httpServer: NodeHttpServer;
    close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const OAUTH_DISCOVERY_PREFIXES = [
    '/.well-known/oauth-protected-resource',
    '/.well-known/oauth-authorization-server',
    '/.well-known/openid-configuration'
];

/** True for the OAuth metadata paths (with or without a path suffix) and `/register`. */
export function isOAuthDiscoveryPath(path: string): boolean {
    if (path === '/register') return true;
    return OAUTH_DISCOVERY_PREFIXES.some(prefix => path === prefix || path.startsWith(`${prefix}/`));
}

export function isLoopbackHost(host: string): boolean {
    return LOOPBACK_HOSTS.has(host.toLowerCase()) || host.startsWith('127.');
}

function sha256(value: string): Buffer {
    return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time check of an `Authorization` header against the expected bearer token. */
export function hasValidBearerToken(header: string | undefined, expectedToken: string): boolean {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    // Hash both sides so the comparison has a fixed length and leaks nothing about the token length.
    const presented = sha256(match?.[1] ?? '');
    return timingSafeEqual(presented, sha256(expectedToken)) && match !== null;
}

function sendJsonRpcError(
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    headers: Record<string, string> = {}
) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
    const onError = options.onError ?? ((error: Error) => console.error(`[http] ${error.message}`));
    const authToken = options.authToken ? options.authToken : undefined;

    const mcpHandler = createMcpHandler(() => createServer(options.serverOptions), { onerror: onError });
    const handleMcp = toNodeHandler(mcpHandler, { onerror: onError });

    // DNS-rebinding protection only makes sense for a server that is meant to be
    // reached as localhost; behind 0.0.0.0 (e.g. Docker) the public host name is unknown.
    const guards = isLoopbackHost(options.host) ? [localhostHostValidation(), localhostOriginValidation()] : [];

    const listener = async (req: IncomingMessage, res: ServerResponse) => {
        for (const guard of guards) {
            if (!guard(req, res)) return; // the guard has answered 403
        }
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (isOAuthDiscoveryPath(path)) {
            sendJsonRpcError(res, 404, -32601, 'Not found: this server does not use OAuth');
            return;
        }
        if (authToken !== undefined) {
            const header = req.headers.authorization;
            if (!hasValidBearerToken(header, authToken)) {
                const challenge = header ? 'Bearer error="invalid_token"' : 'Bearer';
                sendJsonRpcError(res, 401, -32001, 'Unauthorized: a valid bearer token is required', {
                    'www-authenticate': challenge
                });
                return;
            }
        }
        if (path !== MCP_PATH) {
            sendJsonRpcError(res, 404, -32601, `Not found: the MCP endpoint is ${MCP_PATH}`);
            return;
        }
        await handleMcp(req, res);
    };

    const httpServer = createHttpServer((req, res) => {
        listener(req, res).catch((error: unknown) => {
            onError(error instanceof Error ? error : new Error(String(error)));
            if (!res.headersSent) sendJsonRpcError(res, 500, -32603, 'Internal server error');
            else res.end();
        });
    });

    await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(options.port, options.host, () => {
            httpServer.off('error', reject);
            resolve();
        });
    });

    const address = httpServer.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = new URL(`http://${urlHost}:${address.port}${MCP_PATH}`);

    let closing: Promise<void> | undefined;
    const close = () => {
        closing ??= (async () => {
            await mcpHandler.close();
            await new Promise<void>(resolve => {
                httpServer.close(() => resolve());
                httpServer.closeAllConnections(); // also ends open SSE streams and idle keep-alive sockets
            });
        })();
        return closing;
    };

    return { url, httpServer, close };
}
