/**
 * The browser's hidden makeup gain. DynamicsCompressorNode (under Tone.Compressor and
 * Tone.Limiter) adds an automatic makeup gain that the Web Audio spec derives from
 * threshold, knee and ratio (Tone.js issue 1353, Web Audio spec issue 2639): with our
 * default −30 dB, 8:1, 6 dB knee it is about +14.6 dB, so a "compressed" B would win an
 * A/B test just by being louder.
 *
 * We measure it rather than re-derive it: render a quiet 1 kHz tone far below any
 * threshold (where the node applies no compression, only makeup) through the real node
 * and compare levels. What the browser does is then what we compensate, whatever the
 * browser. Attack and release do not change it, so results are cached per
 * threshold/ratio/knee.
 */
import { LAB_SAMPLE_RATE } from './constants';
import type { CompressorSettings } from './settings';

/** −100 dBFS: below the lowest threshold (−60 dB) minus the widest knee (40 dB). */
const PROBE_AMPLITUDE = 1e-5;
const PROBE_SECONDS = 0.25;

const cache = new Map<string, Promise<number>>();

export function hiddenMakeupDb(c: Pick<CompressorSettings, 'threshold' | 'ratio' | 'knee'>): Promise<number> {
  const key = `${c.threshold}|${c.ratio}|${c.knee}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = measure(c);
    cache.set(key, pending);
  }
  return pending;
}

async function measure(c: Pick<CompressorSettings, 'threshold' | 'ratio' | 'knee'>): Promise<number> {
  const frames = Math.round(PROBE_SECONDS * LAB_SAMPLE_RATE);
  const ctx = new OfflineAudioContext(1, frames, LAB_SAMPLE_RATE);
  const osc = new OscillatorNode(ctx, { frequency: 1000 });
  const level = new GainNode(ctx, { gain: PROBE_AMPLITUDE });
  const comp = new DynamicsCompressorNode(ctx, { threshold: c.threshold, ratio: c.ratio, knee: c.knee, attack: 0, release: 0.01 });
  osc.connect(level).connect(comp).connect(ctx.destination);
  osc.start();
  const out = (await ctx.startRendering()).getChannelData(0);
  // Skip the first half: the look-ahead delay and the detector settling.
  let peak = 0;
  for (let i = frames >> 1; i < frames; i++) peak = Math.max(peak, Math.abs(out[i]));
  return 20 * Math.log10(peak / PROBE_AMPLITUDE);
}
