/**
 * The live AudioContext. It runs at the lab rate rather than the hardware rate: a
 * ConvolverNode refuses an impulse response whose rate differs from its context's, and
 * every clip and IR is decoded at LAB_SAMPLE_RATE. The browser resamples at the output.
 */
import { Context, OfflineContext, debug, getContext, setContext, start as startTone } from 'tone';
import { LAB_SAMPLE_RATE } from './constants';

/**
 * Tone.js warns 'The AudioContext is "suspended"' whenever a source starts on a context
 * that is not running: on every offline render of B (a Tone Context over an
 * OfflineAudioContext is suspended until it renders, and Tone checks only its own
 * OfflineContext) and on the live context before the page's first click, which the lab
 * already tells the user in its own words ("Sound is off until you click…"). Tone's own
 * logger hook drops that one warning; every other Tone message still reaches the console.
 */
const SUSPENDED_WARNING = 'The AudioContext is "suspended"';
debug.setLogger({
  log: (...args: unknown[]) => console.log(...args),
  warn: (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(SUSPENDED_WARNING)) return;
    console.warn(...args);
  },
});

let installed = false;

/** Install the lab's live context once, before any live Tone node is made. */
export function ensureLabContext(): void {
  // Inside Tone.Offline the offline context is current: leave it be.
  if (getContext() instanceof OfflineContext) return;
  if (installed && getContext().sampleRate === LAB_SAMPLE_RATE) return;
  setContext(
    new Context({
      sampleRate: LAB_SAMPLE_RATE,
      latencyHint: 'interactive',
      // Act now, not 100 ms later: Tone's default look-ahead suits sequencers, not an A/B switch.
      lookAhead: 0,
    }),
  );
  installed = true;
}

/**
 * Ask the browser to run the AudioContext. Without a user gesture Chromium keeps it
 * suspended and `resume()` never settles, so give up after a moment and report it.
 */
export async function resumeAudio(timeoutMs = 1500): Promise<boolean> {
  if (getContext().state === 'running') return true;
  await Promise.race([startTone(), new Promise((r) => setTimeout(r, timeoutMs))]);
  return getContext().state === 'running';
}

export function audioRunning(): boolean {
  return getContext().state === 'running';
}
