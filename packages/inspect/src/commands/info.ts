import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT } from '../core/errors.js';
import type { InspectSession } from '../core/session.js';
import type { ActionContext } from './common.js';

/** `mcp-inspect ping`: one round trip, timed. */
export async function runPing(
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  const started = performance.now();
  await session.request('ping', signal, (options) => session.client.ping(options));
  const ms = Math.round((performance.now() - started) * 10) / 10;
  io.stdout(output.json ? `${JSON.stringify({ ok: true, ms })}\n` : `pong (${ms} ms)\n`);
  return EXIT.ok;
}

/** What `info` reports about a connected server. */
export function describeServer(session: InspectSession) {
  const client = session.client;
  return {
    server: client.getServerVersion() ?? null,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? null,
    era: client.getProtocolEra() ?? null,
    transport: session.connection.wire,
    capabilities: client.getServerCapabilities() ?? {},
    instructions: client.getInstructions() ?? null,
    /** Set when the default 2025 handshake was refused and the 2026-07-28 era was used. */
    eraFallback: session.connection.eraFallback
      ? {
          refused: session.connection.eraFallback.refused,
          supported: [...session.connection.eraFallback.supported],
        }
      : null,
  };
}

/** `mcp-inspect info`: server name and version, era, protocol version, capabilities, instructions. */
export async function runInfo(
  session: InspectSession,
  { options: { output }, io }: ActionContext,
): Promise<number> {
  const info = describeServer(session);
  if (output.json) {
    io.stdout(`${JSON.stringify(info, null, 2)}\n`);
    return EXIT.ok;
  }
  const capabilities = Object.entries(info.capabilities)
    .map(([name, value]) => {
      const flagsOn =
        value && typeof value === 'object'
          ? Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] === true)
          : [];
      return flagsOn.length > 0 ? `${name} (${flagsOn.join(', ')})` : name;
    })
    .join(', ');
  const lines = [
    `server        ${info.server ? `${sanitizeLine(info.server.name)} ${sanitizeLine(info.server.version ?? '')}`.trim() : '(not reported)'}`,
    `protocol      ${info.protocolVersion ?? '?'} (${info.era === 'modern' ? '2026-07-28 era, server/discover' : '2025 era, initialize'})`,
    ...(info.eraFallback
      ? [
          `              fell back: the server refused ${sanitizeLine(info.eraFallback.refused)} (the default 2025 handshake)`,
        ]
      : []),
    `transport     ${info.transport}`,
    `capabilities  ${sanitizeLine(capabilities) || '(none)'}`,
  ];
  if (info.instructions)
    lines.push(`instructions\n${sanitizeText(info.instructions).replace(/^/gm, '  ')}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
