import type { FetchLike } from '@modelcontextprotocol/client';
import { MessageTooLargeError, type ByteMeter } from './limits.js';

/** Options of {@link createBoundedFetch}. */
export interface BoundedFetchOptions {
  /** Largest body (JSON) or event (SSE) accepted, in bytes, counted after decompression. */
  maxMessageBytes: number;
  /** Counts every body byte received. */
  meter?: ByteMeter;
  /** Called when a response goes over the bound, before its reader sees the error. */
  onTooLarge?: (error: MessageTooLargeError) => void;
  /** The fetch to wrap (default: the global one). */
  fetch?: FetchLike;
}

// Statuses whose response cannot carry a body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch whose response bodies are bounded while they stream, so that a hostile or broken
 * server cannot exhaust memory: a JSON body may not exceed `maxMessageBytes` (a declared
 * Content-Length over it fails at once), and on an SSE stream no single event may — the
 * stream itself may run as long as it likes. Bytes are counted after decompression, so a
 * gzip bomb stops at the bound too. Going over errors the body with a
 * {@link MessageTooLargeError}.
 */
export function createBoundedFetch(options: BoundedFetchOptions): FetchLike {
  const base = options.fetch ?? ((url, init) => fetch(url, init));
  const limit = options.maxMessageBytes;
  return async (url, init) => {
    const response = await base(url, init);
    if (!response.body || NULL_BODY.has(response.status)) return response;
    const sse = /^\s*text\/event-stream/i.test(response.headers.get('content-type') ?? '');
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (!sse && declared > limit) {
      await response.body.cancel().catch(() => undefined);
      const error = new MessageTooLargeError(limit);
      options.onTooLarge?.(error);
      throw error;
    }
    const count = sse ? eventSizeCounter() : bodySizeCounter();
    const bounded = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          options.meter?.add(chunk.byteLength);
          if (count(chunk) > limit) {
            const error = new MessageTooLargeError(limit);
            options.onTooLarge?.(error);
            controller.error(error);
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    const wrapped = new Response(bounded, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The transports resolve relative endpoints against the final URL.
    Object.defineProperty(wrapped, 'url', { value: response.url });
    Object.defineProperty(wrapped, 'redirected', { value: response.redirected });
    return wrapped;
  };
}

/** Total bytes of a body so far. */
function bodySizeCounter(): (chunk: Uint8Array) => number {
  let total = 0;
  return (chunk) => (total += chunk.byteLength);
}

/**
 * Bytes of the SSE event being received: reset at each blank line (an event ends with two
 * line ends, `\n`, `\r\n` or `\r`), so only a single event — or a line that never ends —
 * can reach the bound.
 */
function eventSizeCounter(): (chunk: Uint8Array) => number {
  let size = 0;
  // Line ends seen in a row (a `\r\n` pair counts once), and whether the last byte was `\r`.
  let ends = 0;
  let afterCr = false;
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 10 && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = byte === 13;
      if (byte === 10 || byte === 13) {
        if (++ends >= 2) size = 0;
      } else {
        ends = 0;
        size++;
      }
    }
    return size;
  };
}
