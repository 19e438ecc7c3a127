import { useCallback, useSyncExternalStore } from 'react';

/** Anything with a version that bumps on change and listeners to tell (the live logs). */
export interface VersionedSource {
  /** Bumps on every change. */
  version: number;
  /** Calls the listener after each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Re-renders the component on every change of `source`; returns its version. */
export function useLogVersion(source: VersionedSource): number {
  // A stable subscribe function: a new one each render would resubscribe each render.
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const version = useCallback(() => source.version, [source]);
  return useSyncExternalStore(subscribe, version, version);
}
