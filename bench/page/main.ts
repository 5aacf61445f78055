/**
 * The bench page: every in-browser measurement as a function on `window.canyonBench`,
 * called one at a time by the Node driver (bench/run.ts) through Playwright.
 */
import { renderDifferenceDb, timeRawParts, timeRawRender, timeToneRender, timeToneRenderAfterIrSwap } from './render-figure';
import { measureSwitch } from './switch-figure';
import { loadAndProcess, timeDecodeOnly, timeLoadAndDraw } from './long-clip-figure';
import { analysisAvailable, timeAnalysis, timeReadEverySample } from './analysis-slot';
import { timeFftPass, timeSpectrogram } from './spectrogram-figure';

const api = {
  timeToneRender,
  timeRawRender,
  timeToneRenderAfterIrSwap,
  renderDifferenceDb,
  timeRawParts,
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
