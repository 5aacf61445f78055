/**
 * The last stage before the speakers: output level, the headphone-safety limiter and the
 * meter. Every source the lab plays ends here, so the limits hold whatever is heard.
 *
 *   input (Volume: output level) ─ limiter ─ limiter trim ─┬─ destination
 *                                                         └─ analyser (meter)
 */
import { Analyser, Compressor, Gain, Volume } from 'tone';
import { hiddenMakeupDb } from './compressor-makeup';
import { CHAIN_LATENCY_FRAMES, PARAM_RAMP_SECONDS } from './constants';

/**
 * Output safety: a brick-wall-like limiter at −1 dBFS. Not Tone.Limiter: it inherits
 * Tone.Compressor's 30 dB knee and would start squashing at −31 dBFS, which in a lab
 * that compares dynamics would falsify what is heard. Hard knee, 20:1, fast; its hidden
 * makeup gain is measured and taken off, so below the ceiling it is transparent.
 */
export const LIMITER = { threshold: -1, ratio: 20, knee: 0, attack: 0.001, release: 0.05 } as const;

/** The limiter's look-ahead: the same DynamicsCompressorNode delay as the chain's compressor. */
export const LIMITER_LATENCY_FRAMES = CHAIN_LATENCY_FRAMES;

export class OutputStage {
  /** Connect whatever should be heard here. */
  readonly input: Volume;
  private readonly limiter: Compressor;
  private readonly limiterTrim: Gain<'decibels'>;
  private readonly analyser: Analyser;
  /** Resolves once the limiter's hidden makeup has been measured and taken off. */
  readonly ready: Promise<void>;

  constructor() {
    this.input = new Volume(0);
    this.limiter = new Compressor(LIMITER);
    this.limiterTrim = new Gain(0, 'decibels');
    this.analyser = new Analyser('waveform', 2048);
    this.ready = hiddenMakeupDb(LIMITER).then((db) => {
      this.limiterTrim.gain.value = -db;
    });
    this.input.chain(this.limiter, this.limiterTrim);
    this.limiterTrim.toDestination();
    this.limiterTrim.connect(this.analyser);
  }

  /** Output level before the limiter, dB (0 s ramp: set at once, for renders). */
  setLevel(db: number, rampSeconds = PARAM_RAMP_SECONDS): void {
    if (rampSeconds > 0) this.input.volume.rampTo(db, rampSeconds);
    else this.input.volume.value = db;
  }

  /** Peak of the last ~43 ms of output (after the limiter), linear. */
  peak(): number {
    const frame = this.analyser.getValue();
    let peak = 0;
    for (let i = 0; i < frame.length; i++) peak = Math.max(peak, Math.abs(frame[i]));
    return peak;
  }

  dispose(): void {
    for (const node of [this.input, this.limiter, this.limiterTrim, this.analyser]) node.dispose();
  }
}
