/** Putting peaks on screen in a wavesurfer.js view. */
import type WaveSurfer from 'wavesurfer.js';
import { markFirstWaveform } from '../state/first-waveform';

/**
 * Draw `peaks` over `seconds`: load('') with peaks draws without fetching or decoding, and a
 * newer load aborts an older one (said nowhere). `onDrawn` once loaded. The bench
 * (bench/run.ts) times page load to the first view drawn: the first waveform on screen.
 */
export function drawPeaks(ws: WaveSurfer, peaks: Array<Float32Array | number[]>, seconds: number, onDrawn: () => void): void {
  ws.once('redrawcomplete', markFirstWaveform);
  ws.load('', peaks, seconds).then(onDrawn, (e: unknown) => {
    if (!(e instanceof DOMException && e.name === 'AbortError')) console.error(e);
  });
}
