/**
 * The change signal every live log shares: a version that bumps on each change, and
 * listeners told about it (React's useSyncExternalStore reads the version).
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();
  private current = 0;

  /** Bumps on every change. */
  get version(): number {
    return this.current;
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Records a change and tells every listener (a copy: a listener may unsubscribe). */
  emit(): void {
    this.current += 1;
    for (const listener of [...this.listeners]) listener();
  }
}
