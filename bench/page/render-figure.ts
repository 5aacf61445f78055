/**
 * Figure 1, in the page: the lab's offline render of B (renderProcessedFast: compressor
 * through the browser's own nodes, convolution by FFT in workers) on the WAV files the
 * peers (scipy, ffmpeg) are timed on in the same run, and the browser's own render of the
 * same chain with its ConvolverNode (renderProcessedByNodes) for comparison.
 */
import { bufferOf, channelViews } from '../../src/audio/buffer-channels';
import { renderProcessedByNodes } from '../../src/audio/render';
import { LAB_SAMPLE_RATE } from '../../src/audio/constants';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { renderProcessedFast } from '../../src/render/render-processed';
import { renderCompressorStage } from '../../src/render/rendered-stage';
import { recycleRendered } from '../../src/render/render-target';
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

/** The last B the lab's render made, given back before the next re-render (as the lab does when a slider move replaces it). */
let previous: AudioBuffer | null = null;
/** The IR the next timed render uses. */
let nextIr: AudioBuffer | null = null;

/**
 * Set up the next timeLabRender, untimed (so the CPU measured around that call is the
 * render's alone): as a re-render (`rerender`), after a slider move — the last B given
 * back for reuse, the IR one the workers already know; else as a clip's first render — a
 * new buffer for B and an IR the page and its workers have never seen (a copy). Then the
 * garbage is collected.
 */
export function prepareLabRender(rerender: boolean): void {
  prepareLabRenderParts(rerender, !rerender);
}

/**
 * A render with either of a first render's two differences alone (bench/render-cpu-trace.ts
 * times them apart): B's last buffer given back for reuse or not (`recycle`), the IR the
 * workers know or a copy they have never seen (`newIr`).
 */
export function prepareLabRenderParts(recycle: boolean, newIr: boolean): void {
  const { ir } = loaded();
  if (previous && recycle) recycleRendered(previous);
  previous = null;
  nextIr = newIr ? copyOf(ir) : ir;
  collectGarbage();
}

/** The lab's render, from the call to B in hand (stage, workers, measurements), as prepareLabRender set it up. */
export async function timeLabRender(compressor = true): Promise<RenderTiming> {
  const { clip, ir } = loaded();
  const t0 = performance.now();
  const out = await renderProcessedFast(clip, nextIr ?? ir, benchSettings(compressor));
  const ms = performance.now() - t0;
  previous = out.buffer;
  nextIr = null;
  return { ms, renderedSeconds: out.buffer.duration };
}

function copyOf(buffer: AudioBuffer): AudioBuffer {
  return bufferOf(channelViews(buffer), buffer.sampleRate);
}

/** The browser's render of the same chain (ConvolverNode), as the lab rendered B before. */
export async function timeNodeRender(): Promise<RenderTiming> {
  const { clip, ir } = loaded();
  collectGarbage();
  const t0 = performance.now();
  const out = await renderProcessedByNodes(clip, ir, benchSettings());
  return { ms: performance.now() - t0, renderedSeconds: out.duration };
}

/** The compressor's offline render alone, as the lab renders it for a clip this short (one go, native nodes), ms. */
export async function timeCompressorStage(): Promise<number> {
  const { clip } = loaded();
  collectGarbage();
  const t0 = performance.now();
  await renderCompressorStage(clip, benchSettings(), 0);
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
