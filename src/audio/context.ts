/**
 * The live AudioContext. It runs at the lab rate rather than the hardware rate: a
 * ConvolverNode refuses an impulse response whose rate differs from its context's, and
 * every clip and IR is decoded at LAB_SAMPLE_RATE. The browser resamples at the output.
 */
import { Context, OfflineContext, getContext, setContext, start as startTone } from 'tone';
import { LAB_SAMPLE_RATE } from './constants';

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
