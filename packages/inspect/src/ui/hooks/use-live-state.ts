import { useSyncExternalStore } from 'react';
import type { LiveSession, LiveState } from '../../core/live/live-session.js';

/** The live session's state, re-rendering on every change. */
export function useLiveState(session: LiveSession): LiveState {
  return useSyncExternalStore(session.subscribe, session.getState);
}
