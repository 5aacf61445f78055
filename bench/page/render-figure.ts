/**
 * Figure 1, in the page: the lab's offline render of B (renderProcessedFast: compressor
 * through the browser's own nodes, convolution by FFT in workers) on the WAV files the
 * peers (scipy, ffmpeg) are timed on in the same run, and the browser's own render of the
 * same chain with its ConvolverNode (renderProcessedByNodes) for comparison.
 */
import { renderProcessedByNodes } from '../../src/audio/render';
import { LAB_SAMPLE_RATE } from '../../src/audio/constants';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { renderProcessedFast } from '../../src/render/render-processed';
import { streamCompressorStage } from '../../src/render/streamed-stage';
import { collectGarbage } from './signals';

export interface RenderTiming {
  ms: number;
  /** Seconds of audio rendered (clip + IR tail). */
  renderedSeconds: number;
}

/** Compressor and reverb both on: every part of the chain does work. */
export function benchSettings(compressor = true): ChainSettings {
  const s = defaultSettings('synthetic-ir');
  s.compressor.enabled = compressor;
  s.reverb.enabled = true;
  s.reverb.wet = 0.6;
  return s;
}

let material: { clip: AudioBuffer; ir: AudioBuffer } | null = null;

async function decodeUrl(url: string): Promise<AudioBuffer> {
  const bytes = await (await fetch(url)).arrayBuffer();
  return new OfflineAudioContext(1, 1, LAB_SAMPLE_RATE).decodeAudioData(bytes);
}

/** Fetch and decode the figure's clip and IR (float WAVs: decoded exactly). Not timed. */
export async function loadRenderMaterial(clipUrl: string, irUrl: string): Promise<{ clipSeconds: number; irSeconds: number }> {
  const [clip, ir] = await Promise.all([decodeUrl(clipUrl), decodeUrl(irUrl)]);
  material = { clip, ir };
  return { clipSeconds: clip.duration, irSeconds: ir.duration };
}

function loaded(): { clip: AudioBuffer; ir: AudioBuffer } {
  if (!material) throw new Error('loadRenderMaterial first');
  return material;
}

/** The lab's render, from the call to B in hand (stage, workers, measurements). */
export async function timeLabRender(compressor = true): Promise<RenderTiming> {
  const { clip, ir } = loaded();
  collectGarbage();
  const t0 = performance.now();
  const out = await renderProcessedFast(clip, ir, benchSettings(compressor));
  return { ms: performance.now() - t0, renderedSeconds: out.buffer.duration };
}

/** The browser's render of the same chain (ConvolverNode), as the lab rendered B before. */
export async function timeNodeRender(): Promise<RenderTiming> {
  const { clip, ir } = loaded();
  collectGarbage();
  const t0 = performance.now();
  const out = await renderProcessedByNodes(clip, ir, benchSettings());
  return { ms: performance.now() - t0, renderedSeconds: out.duration };
}

/** The compressor's offline render alone (streamed to nobody: from the call until its last frame is in), ms. */
export async function timeCompressorStage(): Promise<number> {
  const { clip } = loaded();
  collectGarbage();
  const t0 = performance.now();
  const stage = await streamCompressorStage(clip, benchSettings(), 0);
  // Passed on as it arrives, as the workers would: the render waits for a reader that lags.
  for (let frame = 0; frame < clip.length; frame += 2 ** 16) {
    await stage.whenReadable(frame + 2 ** 16);
    stage.release(frame);
  }
  return performance.now() - t0;
}

/** Largest sample difference between the lab's render and the browser's, dB re the latter's peak. */
export async function renderDifferenceDb(): Promise<number> {
  const { clip, ir } = loaded();
  const [fast, nodes] = await Promise.all([
    renderProcessedFast(clip, ir, benchSettings()),
    renderProcessedByNodes(clip, ir, benchSettings()),
  ]);
  let worst = 0;
  let peak = 0;
  for (let c = 0; c < nodes.numberOfChannels; c++) {
    const a = fast.buffer.getChannelData(c);
    const b = nodes.getChannelData(c);
    for (let i = 0; i < b.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      peak = Math.max(peak, Math.abs(b[i]));
    }
  }
  return worst === 0 ? -Infinity : 20 * Math.log10(worst / peak);
}
