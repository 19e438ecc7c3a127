import type { LiveState } from '../../core/live/live-session.js';
import type { AppState } from '../app-state.js';

/** The keys that work now, for the footer. */
export function footerHint(ui: AppState, live: LiveState, request: boolean): string {
  if (request) return 'Ctrl-S accept · Esc decline · Tab next field';
  if (ui.filtering) return 'type to filter · Enter keep · Esc clear';
  if (ui.saving) return 'Enter save · Esc cancel';
  if (live.call) return 'Esc cancel the call · s l t panes · q quit';
  if (ui.overlay === 'history') return 'Enter re-run · e edit · x export · Esc close';
  if (ui.overlay === 'roots') return 'Ctrl-S save roots · Ctrl-N add · Ctrl-X remove · Esc close';
  if (ui.overlay) return 'j/k scroll · g/G top/bottom · Esc close · ? keys';
  if (ui.right.kind === 'form' && ui.focus === 'right')
    return 'Ctrl-S send · Enter on the last field sends · Tab next · Esc close';
  if (live.status.kind === 'exited' || live.status.kind === 'failed')
    return 'r reconnect · s stderr · t traffic · q quit';
  if (ui.right.kind === 'result' && ui.focus === 'right')
    return 'j/k scroll · Space fold · v raw · w save · Tab list · Esc close · ? keys';
  return 'Enter open · / filter · 1-4 tabs · Tab pane · h history · s l t panes · r reconnect · ? keys · q quit';
}
