/**
 * The bench page: every in-browser measurement as a function on `window.canyonBench`,
 * called one at a time by the Node driver (bench/run.ts) through Playwright.
 */
import {
  loadRenderMaterial,
  prepareLabRender,
  prepareLabRenderParts,
  renderDifferenceDb,
  timeCompressorStage,
  timeLabRender,
  timeNodeRender,
} from './render-figure';
import { loadReel, timeLongRender } from './long-render-figure';
import { measureSwitch } from './switch-figure';
import { loadAndProcess, timeDecodeOnly, timeLoadAndDraw } from './long-clip-figure';
import { analysisAvailable, timeAnalysis, timeReadEverySample } from './analysis-slot';
import { timeFftPass, timeSpectrogram } from './spectrogram-figure';

const api = {
  loadRenderMaterial,
  prepareLabRender,
  prepareLabRenderParts,
  timeLabRender,
  timeNodeRender,
  timeCompressorStage,
  renderDifferenceDb,
  loadReel,
  timeLongRender,
  measureSwitch,
  timeDecodeOnly,
  timeLoadAndDraw,
  loadAndProcess,
  analysisAvailable,
  timeAnalysis,
  timeReadEverySample,
  timeSpectrogram,
  timeFftPass,
};

export type CanyonBench = typeof api;

declare global {
  interface Window {
    canyonBench: CanyonBench;
  }
}

window.canyonBench = api;
document.body.dataset.ready = 'true';
