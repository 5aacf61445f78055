/**
 * The Tone.js half of the engine, loaded with a dynamic import() by LabState once the
 * first waveform is up. Tone.js is most of the app's JavaScript and makes an
 * AudioContext as soon as it is evaluated; neither is needed to show a clip
 * (bench figure 2: page load → first waveform; figure 7: initial JavaScript).
 */
export { SlotPlayer } from './slot-player';
export { renderProcessed } from './render';
export { audioRunning, resumeAudio } from './context';
