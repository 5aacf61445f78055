/**
 * Keys of a focused waveform view: ←/→ seek (Shift 0.1 s, Ctrl 0.01 s), Home/End to either end,
 * ↑/↓ scroll a zoomed view by half its width, [ and ] set the loop's in and out points at the
 * cursor. Pure, so the rules are tested in Node; WaveformView applies the result.
 */
import type { LoopRange } from '../audio/playback-clock';
import type { ViewWindow } from './view-window';

export interface WaveKey {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface WaveKeyState {
  /** Cursor, seconds on the shared axis. */
  time: number;
  duration: number;
  loop: LoopRange | null;
  window: ViewWindow;
}

export type WaveAction = { seek: number } | { loop: LoopRange } | { scroll: number } | null;

const clamp = (t: number, max: number) => Math.max(0, Math.min(max, t));

/** What a key does to the view, or null: the key is not the view's (it goes on to the page). */
export function waveKeyAction(e: WaveKey, s: WaveKeyState): WaveAction {
  if (e.altKey || s.duration <= 0) return null;
  const fine = e.ctrlKey || e.metaKey;
  const step = fine ? 0.01 : e.shiftKey ? 0.1 : 1;
  const span = s.window.t1 - s.window.t0;
  switch (e.key) {
    case 'ArrowLeft':
      return { seek: clamp(s.time - step, s.duration) };
    case 'ArrowRight':
      return { seek: clamp(s.time + step, s.duration) };
    case 'Home':
      return fine ? null : { seek: 0 };
    case 'End':
      return fine ? null : { seek: s.duration };
    case 'ArrowUp':
    case 'ArrowDown':
      if (fine || span >= s.duration) return null; // not zoomed: nothing to scroll
      return { scroll: clamp(s.window.t0 + (e.key === 'ArrowUp' ? span : -span) / 2, s.duration - span) };
    case '[':
      return loopPoint('in', s);
    case ']':
      return loopPoint('out', s);
    default:
      return null;
  }
}

/**
 * The loop with one end moved to the cursor; the other end stays unless the cursor passes it,
 * then the loop runs to the clip's far end. Without a loop, in runs to the end and out from 0.
 */
function loopPoint(which: 'in' | 'out', s: WaveKeyState): WaveAction {
  const t = clamp(s.time, s.duration);
  if (which === 'in') {
    const end = s.loop && s.loop.end > t ? s.loop.end : s.duration;
    return end > t ? { loop: { start: t, end } } : null;
  }
  const start = s.loop && s.loop.start < t ? s.loop.start : 0;
  return t > start ? { loop: { start, end: t } } : null;
}

/**
 * Where a zoomed view must scroll so the cursor shows, or null when it is visible already:
 * the cursor lands a tenth of the way in, so play runs on across the view.
 */
export function followCursor(time: number, win: ViewWindow, duration: number): number | null {
  const span = win.t1 - win.t0;
  if (span >= duration || (time >= win.t0 && time <= win.t1)) return null;
  return clamp(time - span * 0.1, Math.max(0, duration - span));
}

/**
 * Make wavesurfer's scroll area (inside its shadow root) the view's one focus stop: a slider
 * over the play position, named after the view, so a zoomed view's scroll area is reachable
 * by keyboard and a screen reader hears where the cursor is.
 */
export function nameScrollArea(area: HTMLElement, label: string, time: number, duration: number, description = ''): void {
  const set = (name: string, value: string) => {
    if (area.getAttribute(name) !== value) area.setAttribute(name, value);
  };
  set('tabindex', '0');
  set('role', 'slider');
  set('aria-label', `${label}: waveform`);
  // aria-description, not aria-describedby: the area lives in wavesurfer's shadow root, which ids cannot cross.
  set('aria-description', description);
  set('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End ArrowUp ArrowDown [ ]');
  set('aria-valuemin', '0');
  set('aria-valuemax', duration.toFixed(1));
  set('aria-valuenow', time.toFixed(1));
  set('aria-valuetext', `${time.toFixed(1)} s of ${duration.toFixed(1)} s`);
  area.style.outline = 'none'; // the view's frame shows the focus: the area would clip its own ring
}

/** A view's description for readers: what it shows, how long it is and its highest peak (from the drawn peaks). */
export function viewDescription(detail: string, seconds: number | null, peaks: readonly Float32Array[] | null): string {
  if (seconds === null || !peaks) return detail ? `${detail}; not loaded yet` : 'Not loaded yet';
  let peak = 0;
  // Indexed: a long clip's peaks are 400 000 values, and an iterator over them cost tens of ms a redraw.
  for (const ch of peaks) for (let i = 0; i < ch.length; i++) if (Math.abs(ch[i]) > peak) peak = Math.abs(ch[i]);
  const level = peak > 0 ? `peak ${(20 * Math.log10(peak)).toFixed(1).replace('-', '−')} dBFS` : 'silent';
  return `${detail ? `${detail}; ` : ''}${seconds.toFixed(1)} s long, ${level}`;
}
