import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ChangeSignal } from './listeners.js';

export { historyFile, publicServerKey, stateDir, type StateDirOptions } from './history-path.js';

/** One call made from the inspector. */
export interface HistoryEntry {
  /** Unique within the history. */
  id: string;
  /** When the call was made (ms since the epoch). */
  time: number;
  /** What was called. */
  kind: 'tool' | 'prompt' | 'resource' | 'template';
  /** Tool/prompt name, resource URI, or template. */
  name: string;
  /** The arguments sent (template variables for a template). */
  arguments: Record<string, unknown>;
  /** ok; error (the server said so, e.g. isError); cancelled; failed (transport, protocol). */
  outcome: 'ok' | 'error' | 'cancelled' | 'failed';
  /** How long it took. */
  durationMs?: number;
  /** First line of the result or error, bounded. */
  summary?: string;
}

/** Options of {@link HistoryStore.open}. */
export interface HistoryStoreOptions {
  /** The history file; undefined keeps history in memory only. */
  file: string | undefined;
  /** Most entries kept (default 200). */
  maxEntries?: number;
  /** Most bytes the file may take (default 4 MiB); the oldest entries go first. */
  maxBytes?: number;
  /** The clock. */
  now?: () => number;
}

const KINDS = new Set(['tool', 'prompt', 'resource', 'template']);
const OUTCOMES = new Set(['ok', 'error', 'cancelled', 'failed']);
const MAX_SUMMARY = 200;

/**
 * The calls made against one server, newest first, kept across runs in a JSON file that only
 * its owner can read (0600): the arguments are what a person typed, secrets included.
 */
export class HistoryStore {
  private list: readonly HistoryEntry[];
  private problem: string | undefined;
  // False when a damaged file could not be moved aside: it is then never written over.
  private readonly writable: boolean;
  private readonly signal = new ChangeSignal();
  private writes: Promise<void> = Promise.resolve();
  private temporaries = 0;
  private readonly file: string | undefined;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  private constructor(
    options: HistoryStoreOptions,
    loaded: { entries: HistoryEntry[]; warning?: string; writable: boolean },
  ) {
    this.file = options.file;
    this.maxEntries = Math.max(1, options.maxEntries ?? 200);
    this.maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.list = loaded.entries.slice(0, this.maxEntries);
    this.problem = loaded.warning;
    this.writable = loaded.writable;
  }

  /** Loads the file (missing → empty; unreadable/corrupt → empty, kept aside as <file>.corrupt-<time>, a warning available). */
  static async open(options: HistoryStoreOptions): Promise<HistoryStore> {
    const loaded = options.file
      ? await load(options.file, options.now ?? Date.now)
      : { entries: [], writable: false };
    return new HistoryStore(options, loaded);
  }

  /** Newest first. */
  entries(): readonly HistoryEntry[] {
    return this.list;
  }

  /** Why the history could not be read or saved, for the status line; undefined when all is well. */
  get warning(): string | undefined {
    return this.problem;
  }

  /** Bumps on every change. */
  get version(): number {
    return this.signal.version;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.signal.subscribe(listener);
  }

  /**
   * Adds a call at the top and saves the file atomically (temp + rename), keeping at most
   * `maxEntries` entries and `maxBytes` bytes. A failed save never rejects: it sets `warning`.
   */
  async add(entry: Omit<HistoryEntry, 'id' | 'time'> & { time?: number }): Promise<HistoryEntry> {
    const added: HistoryEntry = {
      ...entry,
      id: randomUUID(),
      time: entry.time ?? this.now(),
      ...(entry.summary === undefined ? {} : { summary: firstLine(entry.summary) }),
    };
    this.list = [added, ...this.list].slice(0, this.maxEntries);
    const text = this.serialize();
    this.signal.emit();
    if (this.file && this.writable) {
      const file = this.file;
      // One write at a time, in order: the last add's content is what stays.
      this.writes = this.writes.then(() => this.save(file, text));
      await this.writes;
    }
    return added;
  }

  /** The arguments of the latest call of `kind` `name`, to prefill its form. */
  lastArguments(kind: HistoryEntry['kind'], name: string): Record<string, unknown> | undefined {
    return this.list.find((entry) => entry.kind === kind && entry.name === name)?.arguments;
  }

  /** Writes the history as a JSON array (newest first) to a new file; never overwrites one. */
  async exportTo(path: string): Promise<string> {
    const target = resolve(path);
    await writeFile(target, `${JSON.stringify(this.list, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return target;
  }

  // Drops the oldest entries until the file fits in maxBytes (the newest always stays).
  private serialize(): string {
    let text = fileText(this.list);
    while (this.list.length > 1 && Buffer.byteLength(text) > this.maxBytes) {
      this.list = this.list.slice(0, Math.max(1, Math.floor(this.list.length * 0.9)));
      text = fileText(this.list);
    }
    return text;
  }

  private async save(file: string, text: string): Promise<void> {
    const temporary = `${file}.${process.pid}.${++this.temporaries}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(temporary, text, { mode: 0o600 });
      // writeFile's mode applies only to a new file.
      await chmod(temporary, 0o600);
      await rename(temporary, file);
    } catch (error) {
      this.problem = `History could not be saved to ${file}: ${(error as Error).message}`;
      this.signal.emit();
    }
  }
}

function fileText(entries: readonly HistoryEntry[]): string {
  return `${JSON.stringify({ version: 1, entries }, null, 1)}\n`;
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}

async function load(
  file: string,
  now: () => number,
): Promise<{ entries: HistoryEntry[]; warning?: string; writable: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // No file there (or a file where a folder should be): nothing to keep aside.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { entries: [], writable: true };
    return setAside(file, now, (error as Error).message);
  }
  try {
    const data = JSON.parse(text) as unknown;
    const list = Array.isArray(data) ? data : (data as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(list)) throw new Error('not a history file');
    return { entries: list.filter(isEntry), writable: true };
  } catch (error) {
    return setAside(file, now, (error as Error).message);
  }
}

// The damaged file is moved aside, never overwritten: it may be someone's only copy.
async function setAside(
  file: string,
  now: () => number,
  reason: string,
): Promise<{ entries: HistoryEntry[]; warning: string; writable: boolean }> {
  const aside = `${file}.corrupt-${now()}`;
  try {
    await rename(file, aside);
    return {
      entries: [],
      writable: true,
      warning: `History ${file} could not be read (${reason}); it was kept as ${aside} and a new history started.`,
    };
  } catch (error) {
    return {
      entries: [],
      writable: false,
      warning: `History ${file} could not be read (${reason}) nor moved aside (${(error as Error).message}); this session's calls are not saved.`,
    };
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.time === 'number' &&
    KINDS.has(entry.kind as string) &&
    typeof entry.name === 'string' &&
    entry.arguments !== null &&
    typeof entry.arguments === 'object' &&
    !Array.isArray(entry.arguments) &&
    OUTCOMES.has(entry.outcome as string)
  );
}
