/**
 * Feed-forward peak compressor for offline processing, the kind a sound-effects editor puts
 * on a library shot: the detector looks `lookaheadSec` ahead (offline we can simply read the
 * future instead of delaying the audio), so even a sub-millisecond blast is caught; the
 * detected level is smoothed with separate attack and release and drives a hard-knee curve.
 */
export interface CompressorParams {
  /** Threshold, dBFS. */
  thresholdDb: number;
  /** Input dB above threshold per output dB above threshold. */
  ratio: number;
  attackSec: number;
  releaseSec: number;
  lookaheadSec: number;
}

export function compress(input: Float32Array, p: CompressorParams, sampleRate: number): Float32Array {
  const out = new Float32Array(input.length);
  const attack = Math.exp(-1 / (p.attackSec * sampleRate));
  const release = Math.exp(-1 / (p.releaseSec * sampleRate));
  const lookahead = Math.round(p.lookaheadSec * sampleRate);
  const threshold = 10 ** (p.thresholdDb / 20);
  let env = 0;
  for (let i = 0; i < input.length; i++) {
    let level = 0;
    for (let k = i; k <= Math.min(input.length - 1, i + lookahead); k++) level = Math.max(level, Math.abs(input[k]));
    const coeff = level > env ? attack : release;
    env = coeff * env + (1 - coeff) * level;
    // Above threshold the output level rises 1/ratio dB per input dB.
    const gain = env > threshold ? (env / threshold) ** (1 / p.ratio - 1) : 1;
    out[i] = input[i] * gain;
  }
  return out;
}
