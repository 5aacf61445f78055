/**
 * "The first waveform is on screen": a performance mark that the view sets once, that
 * the lab waits for before it loads Tone.js and the App before it mounts the panels
 * below the transport (either, done first, would delay the draw), and that the bench
 * (bench/run.ts, figure 2) times page load by.
 */
export const FIRST_WAVEFORM_MARK = 'first-waveform';
/** Longest wait for the first waveform before what waits for it goes ahead anyway, ms. */
export const FIRST_WAVEFORM_WAIT_MS = 500;
/**
 * Longest wait for the first waveform of what can come seconds later without anyone
 * noticing (the IRs' decoding, the panels below the transport, the offline cache): long
 * enough that on a loaded machine it still comes after the first waveform.
 */
export const FIRST_WAVEFORM_LATEST_MS = 4000;

const drawn = () => performance.getEntriesByName(FIRST_WAVEFORM_MARK).length > 0;
/** Views that will draw a waveform are on the page (a LabState driven without the App has none). */
let viewsOnPage = false;

/** Called as the App mounts its views: from now on, what waits for the first waveform waits for it. */
export function expectFirstWaveform(): void {
  viewsOnPage = true;
}

export function markFirstWaveform(): void {
  if (!drawn()) performance.mark(FIRST_WAVEFORM_MARK);
}

/**
 * Resolves once the first waveform is drawn, or after `timeoutMs` (a hidden tab may never
 * draw); at once when no view is on the page to draw one.
 */
export function firstWaveformDrawn(timeoutMs: number): Promise<void> {
  if (drawn() || !viewsOnPage) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new PerformanceObserver(() => {
      if (!drawn()) return;
      finish();
    });
    const timer = setTimeout(() => finish(), timeoutMs);
    function finish() {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    }
    observer.observe({ type: 'mark' });
  });
}

/**
 * A step of the page's start-up or of its work on a clip (`lab:<step>`), for the bench's traces
 * (bench/first-view-figure.ts, bench/latency-trace.ts) and the start-order test to read.
 */
export function markStartup(step: string): void {
  performance.mark(`lab:${step}`);
}
