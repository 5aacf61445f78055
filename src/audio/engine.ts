/**
 * The Tone.js half of the engine, loaded with a dynamic import() by LabState once the
 * first waveform is up. Tone.js is most of the app's JavaScript and makes an
 * AudioContext as soon as it is evaluated; neither is needed to show a clip
 * (bench figure 2: page load → first waveform; figure 7: initial JavaScript).
 *
 * renderProcessed is the FFT render in workers (src/render/): B as a buffer. Its fuller
 * form, renderProcessedFast, also takes a signal and a progress callback and returns B's
 * peak and loudness measured in the workers. renderProcessedByNodes is the browser's own
 * render (ConvolverNode), the reference the FFT render is tested against.
 */
export { SlotPlayer } from './slot-player';
export { renderProcessedBuffer as renderProcessed, renderProcessedFast } from '../render/render-processed';
export { renderProcessedByNodes } from './render';
export { audioRunning, resumeAudio } from './context';
