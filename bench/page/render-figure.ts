/**
 * Figure 1: the lab's offline render (renderProcessed: ProcessingChain in a Tone Context)
 * against the same processing built from raw Web Audio nodes in a plain
 * OfflineAudioContext — the browser's own limit for this graph.
 */
import { Context, Player, ToneAudioBuffer, getContext, setContext } from 'tone';
import { preRollSeconds, renderProcessedByNodes as renderProcessed } from '../../src/audio/render';
import { ProcessingChain, wetDryGains } from '../../src/audio/chain';
import { CHAIN_LATENCY_FRAMES } from '../../src/audio/constants';
import { defaultSettings, type ChainSettings } from '../../src/audio/settings';
import { fromDb } from '../../src/analysis/levels';
import { burstChannels, collectGarbage, decayingNoiseChannels, toAudioBuffer } from './signals';

export interface RenderTiming {
  ms: number;
  /** Seconds of audio rendered (clip + IR tail). */
  renderedSeconds: number;
}

/** Compressor and reverb both on: every node of the chain does work. */
export function benchSettings(): ChainSettings {
  const s = defaultSettings('synthetic-ir');
  s.compressor.enabled = true;
  s.reverb.enabled = true;
  s.reverb.wet = 0.6;
  return s;
}

const material = new Map<string, { clip: AudioBuffer; ir: AudioBuffer; ir2: AudioBuffer }>();

/** The clip and IRs for one size, made once per page (not part of any timing). */
export function renderMaterial(clipSeconds: number, irSeconds: number) {
  const key = `${clipSeconds}/${irSeconds}`;
  let m = material.get(key);
  if (!m) {
    m = {
      clip: toAudioBuffer(burstChannels(clipSeconds)),
      ir: toAudioBuffer(decayingNoiseChannels(irSeconds)),
      ir2: toAudioBuffer(decayingNoiseChannels(irSeconds).map((c) => c.reverse())),
    };
    material.set(key, m);
  }
  return m;
}

export async function timeToneRender(clipSeconds: number, irSeconds: number): Promise<RenderTiming> {
  const { clip, ir } = renderMaterial(clipSeconds, irSeconds);
  collectGarbage();
  const t0 = performance.now();
  const out = await renderProcessed(clip, ir, benchSettings());
  return { ms: performance.now() - t0, renderedSeconds: out.duration };
}

/**
 * The live chain's state after the user has changed the IR once: both convolver slots
 * hold a buffer, one of them faded out. Rendered offline so its cost can be timed.
 */
export async function timeToneRenderAfterIrSwap(clipSeconds: number, irSeconds: number): Promise<RenderTiming> {
  const { clip, ir, ir2 } = renderMaterial(clipSeconds, irSeconds);
  const settings = benchSettings();
  collectGarbage();
  const t0 = performance.now();
  // Built the way renderProcessed builds its graph (a Tone Context over an OfflineAudioContext).
  const offline = new OfflineAudioContext(2, clip.length + ir.length, clip.sampleRate);
  const context = new Context({ context: offline, clockSource: 'offline', lookAhead: 0 });
  const previous = getContext();
  setContext(context);
  try {
    const chain = new ProcessingChain(settings, ir);
    chain.setImpulseResponse(ir2, 0);
    chain.output.connect(offline.destination);
    const player = new Player(new ToneAudioBuffer(clip));
    player.connect(chain.input);
    player.start(0);
  } finally {
    setContext(previous);
  }
  const out = await offline.startRendering();
  context.dispose();
  return { ms: performance.now() - t0, renderedSeconds: out.duration };
}

/** Where the browser's own time goes: each costly node alone on the same clip, ms. */
export async function timeRawParts(clipSeconds: number, irSeconds: number): Promise<Record<string, number>> {
  const { clip, ir } = renderMaterial(clipSeconds, irSeconds);
  const frames = clip.length + ir.length;
  const time = async (build: (ctx: OfflineAudioContext, source: AudioBufferSourceNode) => void) => {
    collectGarbage();
    const t0 = performance.now();
    const ctx = new OfflineAudioContext(2, frames, clip.sampleRate);
    const source = new AudioBufferSourceNode(ctx, { buffer: clip });
    build(ctx, source);
    source.start(0);
    await ctx.startRendering();
    return performance.now() - t0;
  };
  const irOf = (seconds: number) => toAudioBuffer(decayingNoiseChannels(seconds));
  const parts: Record<string, number> = {};
  parts['source only'] = await time((ctx, s) => s.connect(ctx.destination));
  parts['compressor only'] = await time((ctx, s) => s.connect(new DynamicsCompressorNode(ctx)).connect(ctx.destination));
  for (const seconds of [0.25, 1, irSeconds]) {
    const buffer = seconds === irSeconds ? ir : irOf(seconds);
    parts[`convolver only, ${seconds} s stereo IR`] = await time((ctx, s) =>
      s.connect(new ConvolverNode(ctx, { buffer })).connect(ctx.destination),
    );
  }
  const mono = toAudioBuffer(decayingNoiseChannels(irSeconds, 1));
  parts[`convolver only, ${irSeconds} s mono IR`] = await time((ctx, s) =>
    s.connect(new ConvolverNode(ctx, { buffer: mono })).connect(ctx.destination),
  );
  return parts;
}

/** Frames renderProcessed renders before the clip's first sample and then cuts (pre-roll + chain latency). */
export function rawLeadFrames(s: ChainSettings, sampleRate: number): number {
  return Math.round(preRollSeconds(s) * sampleRate) + CHAIN_LATENCY_FRAMES;
}

/**
 * The same processing as ProcessingChain at `settings`, one raw node per job, with the
 * same compressor pre-roll; the output starts rawLeadFrames() earlier than B's.
 */
export async function rawRender(clip: AudioBuffer, ir: AudioBuffer, s: ChainSettings): Promise<AudioBuffer> {
  const lead = rawLeadFrames(s, clip.sampleRate);
  const ctx = new OfflineAudioContext(2, clip.length + ir.length + lead, clip.sampleRate);
  const source = new AudioBufferSourceNode(ctx, { buffer: clip });
  const c = s.compressor;
  const compressor = new DynamicsCompressorNode(ctx, {
    threshold: c.threshold,
    ratio: c.ratio,
    attack: c.attack,
    release: c.release,
    knee: c.knee,
  });
  const makeup = new GainNode(ctx, { gain: fromDb(c.makeup) });
  // As in the chain: the bypass is delayed by the compressor's look-ahead, and at rest the
  // switch gains are exactly 1 and 0.
  const bypassDelay = new DelayNode(ctx, { delayTime: CHAIN_LATENCY_FRAMES / clip.sampleRate, maxDelayTime: 1 });
  const bypass = new GainNode(ctx, { gain: c.enabled ? 0 : 1 });
  const compressed = new GainNode(ctx, { gain: c.enabled ? 1 : 0 });
  const afterComp = new GainNode(ctx);
  const mix = wetDryGains(s.reverb.enabled ? s.reverb.wet : 0);
  const dry = new GainNode(ctx, { gain: mix.dry });
  const convolver = new ConvolverNode(ctx, { buffer: ir });
  const wetGain = new GainNode(ctx, { gain: mix.wet });

  source.connect(bypassDelay).connect(bypass).connect(afterComp);
  source.connect(compressor).connect(makeup).connect(compressed).connect(afterComp);
  afterComp.connect(dry).connect(ctx.destination);
  afterComp.connect(convolver).connect(wetGain).connect(ctx.destination);
  source.start(Math.round(preRollSeconds(s) * clip.sampleRate) / clip.sampleRate);
  return ctx.startRendering();
}

export async function timeRawRender(clipSeconds: number, irSeconds: number): Promise<RenderTiming> {
  const { clip, ir } = renderMaterial(clipSeconds, irSeconds);
  collectGarbage();
  const t0 = performance.now();
  const out = await rawRender(clip, ir, benchSettings());
  return { ms: performance.now() - t0, renderedSeconds: out.duration };
}

/** Largest sample difference between the two renders, dBFS: proves the baseline is the same graph. */
export async function renderDifferenceDb(clipSeconds: number, irSeconds: number): Promise<number> {
  const { clip, ir } = renderMaterial(clipSeconds, irSeconds);
  const [tone, raw] = await Promise.all([renderProcessed(clip, ir, benchSettings()), rawRender(clip, ir, benchSettings())]);
  const lead = rawLeadFrames(benchSettings(), clip.sampleRate);
  let worst = 0;
  for (let ch = 0; ch < 2; ch++) {
    const a = tone.getChannelData(ch);
    const b = raw.getChannelData(ch).subarray(lead);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst === 0 ? -Infinity : 20 * Math.log10(worst);
}
