/**
 * What Web Audio's ConvolverNode does besides convolving, reproduced so an FFT render
 * equals the live chain's: the IR's normalisation and the routing of input channels
 * through IR channels to the output.
 *
 * Normalisation (Tone.Convolver leaves `normalize` on): the spec's algorithm — RMS over
 * every sample of every IR channel, floored at MinPower; scale = GainCalibration / RMS ·
 * 44100 / IR rate; halved for a 4-channel IR (two paths sum into each output). One
 * difference from the spec's text, measured in Chromium 156 (tests/browser/fast-render
 * .test.ts keeps it honest): Chromium's GainCalibration is 10^(−58/20) = 0.0012589, not
 * the spec's 0.00125 — 0.062 dB louder, which would leave a −43 dB error.
 *
 * Routing (Chromium's Reverb::Process, the spec's channel diagrams):
 *   in 1, IR 1 → out 1 (played on both speakers)   in 2, IR 1 → L = l⊛h, R = r⊛h
 *   in 1, IR 2 → L = x⊛h0, R = x⊛h1                 in 2, IR 2 → L = l⊛h0, R = r⊛h1
 *   in 1, IR 4 → L = x⊛h0 + x⊛h2, R = x⊛h1 + x⊛h3   in 2, IR 4 → L = l⊛h0 + r⊛h2, R = l⊛h1 + r⊛h3
 */

const GAIN_CALIBRATION = Math.fround(10 ** (-58 * 0.05));
const GAIN_CALIBRATION_SAMPLE_RATE = 44_100;
const MIN_POWER = 0.000125;

/** The factor a normalising ConvolverNode applies to `ir` (channels at `sampleRate`). */
export function convolverNormalisation(ir: readonly Float32Array[], sampleRate: number): number {
  const length = ir[0]?.length ?? 0;
  let sum = 0;
  for (const channel of ir) sum += sumOfSquares(channel);
  let power = Math.sqrt(sum / (ir.length * length));
  if (!Number.isFinite(power) || power < MIN_POWER) power = MIN_POWER;
  const scale = (GAIN_CALIBRATION / power) * (GAIN_CALIBRATION_SAMPLE_RATE / sampleRate);
  return ir.length === 4 ? scale / 2 : scale;
}

/** A function of its own, not an inner loop of convolverNormalisation: V8 compiled that loop on the stack and threw the code away at each channel's end. */
function sumOfSquares(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
  return sum;
}

/** One path into an output channel: input channel `input` convolved with IR channel `ir`. */
export interface Path {
  input: number;
  ir: number;
}

/** The paths summed into each output channel; one output when both input and IR are mono. */
export function convolverRouting(inputChannels: number, irChannels: number): Path[][] {
  if (inputChannels < 1 || inputChannels > 2) throw new Error(`a ConvolverNode takes 1 or 2 input channels, not ${inputChannels}`);
  const last = inputChannels - 1; // a mono input feeds both virtual sources
  switch (irChannels) {
    case 1:
      return inputChannels === 1 ? [[{ input: 0, ir: 0 }]] : [[{ input: 0, ir: 0 }], [{ input: 1, ir: 0 }]];
    case 2:
      return [[{ input: 0, ir: 0 }], [{ input: last, ir: 1 }]];
    case 4:
      return [
        [
          { input: 0, ir: 0 },
          { input: last, ir: 2 },
        ],
        [
          { input: 0, ir: 1 },
          { input: last, ir: 3 },
        ],
      ];
    default:
      throw new Error(`an impulse response has 1, 2 or 4 channels (true stereo), not ${irChannels}`);
  }
}
