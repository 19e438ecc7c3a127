import { CLIENT_IDS, type ClientId, type ConfigScope } from './client-paths.js';
import { existingConfigFiles } from './configured-server.js';
import { readConfigTextSync } from './read-config-file.js';
import { readServerEntries } from './server-entries.js';

/** A server entry found in some client's config, as a picker lists it. */
export interface ConfiguredServerSummary {
  name: string;
  client: ClientId;
  scope: ConfigScope;
  file: string;
  /** `command args…` or the URL, unexpanded (untrusted: sanitise and mask before showing). */
  summary: string;
  /** A nearer scope of the same client defines the same name: that one is what the client runs. */
  shadowed: boolean;
}

/** Where to look; everything OS-related is passed in. */
export interface ListConfiguredServersOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  cwd: string;
  /** Only these clients (default: every known one). */
  clients?: readonly ClientId[];
}

/**
 * Every server defined in every known client's config files that exist, in each client's
 * lookup order. Files that cannot be read or parsed are skipped and named in `problems`.
 */
export async function listConfiguredServers(
  options: ListConfiguredServersOptions,
): Promise<{ servers: ConfiguredServerSummary[]; problems: { file: string; message: string }[] }> {
  const servers: ConfiguredServerSummary[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const client of options.clients ?? CLIENT_IDS) {
    const candidates = existingConfigFiles(client, options);
    const seen = new Set<string>();
    for (const candidate of candidates) {
      try {
        const result = await readServerEntries(candidate.file, client, {
          scope: candidate.scope,
          cwd: candidate.projectKey ?? options.cwd,
          readFile: (file) => {
            const text = readConfigTextSync(file);
            if (text === undefined)
              throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
            return text;
          },
        });
        for (const entry of result.entries) {
          servers.push({
            name: entry.name,
            client,
            scope: candidate.scope,
            file: candidate.file,
            summary:
              entry.transport === 'stdio' ? [entry.command, ...entry.args].join(' ') : entry.url,
            shadowed: seen.has(entry.name),
          });
          seen.add(entry.name);
        }
      } catch (error) {
        problems.push({
          file: candidate.file,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return { servers, problems };
}
