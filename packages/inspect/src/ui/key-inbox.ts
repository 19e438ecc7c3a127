import type { Key } from 'ink';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Keys typed for a form before it listens. A form appears one render after the key that
 * opens it (Enter, or a server's request), and Ink hands keys only to handlers already
 * mounted: whatever the person typed in between — a paste, fast typing — waits here and
 * reaches the form, in order, the moment it listens.
 */
export class KeyInbox {
  private held: [string, Key][] = [];
  private handler: ((input: string, key: Key) => void) | undefined;

  /** Whether a form is listening (then it gets keys from Ink directly). */
  get attached(): boolean {
    return this.handler !== undefined;
  }

  /** Keep a key for the form about to listen. */
  hold(input: string, key: Key): void {
    this.held.push([input, key]);
  }

  /** A form listens: it gets the held keys first. */
  attach(handler: (input: string, key: Key) => void): void {
    this.handler = handler;
    for (const [input, key] of this.held.splice(0)) handler(input, key);
  }

  /** The form is gone. */
  detach(handler: (input: string, key: Key) => void): void {
    if (this.handler === handler) this.handler = undefined;
  }
}

/** Attach `handler` to `inbox` while the component is mounted and active. */
export function useKeyInbox(
  inbox: KeyInbox | undefined,
  handler: (input: string, key: Key) => void,
  isActive: boolean,
): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!inbox || !isActive) return;
    const forward = (input: string, key: Key) => latest.current(input, key);
    inbox.attach(forward);
    return () => inbox.detach(forward);
  }, [inbox, isActive]);
}
