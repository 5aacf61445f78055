/**
 * Block convolution for signals of any length: uniformly partitioned overlap-save with a
 * frequency-domain delay line (UPOLS). The impulse response is cut into partitions of P
 * frames, each transformed once (FFT size 2P); every P input frames cost one forward and
 * one inverse FFT plus one spectrum multiply-add per partition. Memory is bounded by the
 * IR, never by the signal: a 20-minute film reel streams through in blocks, and progress
 * can be reported per block.
 *
 * One convolver makes one output channel as a sum of terms (input channel ⊛ IR): a plain
 * channel is one term; Web Audio's "true stereo" (4-channel IR) sums two per output.
 * Partitions that are all zeros (a pre-delay's leading silence) are skipped.
 */
import { HeapFloats, RealFft, type PffftModule } from './wasm-fft';

/** One term of an output channel: an input channel convolved with an IR, given as samples or as spectra made before. */
export type ConvolutionTerm =
  /** `input`: index of the input channel in the blocks given to process(); `ir`: already scaled (normalisation, wet gain) and delayed. */
  | { input: number; ir: Float32Array }
  /** The IR's partition spectra, borrowed (for the same partition size): the convolver does not free them. */
  | { input: number; spectra: IrSpectra };

/**
 * An IR cut into partitions of P frames, each transformed once (FFT size 2P) and scaled by
 * 1/(2P) for the unscaled inverse; null for a partition of zeros. Made once per IR and
 * setting, they serve every render that uses them (the render workers keep them).
 */
export class IrSpectra {
  private constructor(
    readonly partition: number,
    readonly spectra: readonly (HeapFloats | null)[],
  ) {}

  static of(module: PffftModule, ir: Float32Array, partition: number): IrSpectra {
    const fft = new RealFft(module, 2 * partition);
    const time = fft.buffer();
    const spectra: (HeapFloats | null)[] = [];
    for (let k = 0; k * partition < ir.length; k++) {
      const piece = ir.subarray(k * partition, (k + 1) * partition);
      const view = time.view();
      const zeros = scaledInto(piece, view, 2 * partition);
      if (zeros) {
        spectra.push(null);
        continue;
      }
      view.fill(0, piece.length);
      const spectrum = fft.buffer();
      fft.forward(time, spectrum);
      spectra.push(spectrum);
    }
    time.free();
    fft.dispose();
    return new IrSpectra(partition, spectra);
  }

  /** Floats held in the module's memory. */
  get floats(): number {
    return this.spectra.filter(Boolean).length * 2 * this.partition;
  }

  free(): void {
    for (const s of this.spectra) s?.free();
  }
}

/**
 * `to` = `from` / `divisor` from its start; true when `from` is all zeros. A function of its
 * own, not a loop inside IrSpectra.of: that loop ran hot once per IR partition, so V8
 * compiled it on the stack and threw the code away at each exit (measured: a Maglev and a
 * TurboFan compile of IrSpectra.of in every first render, 10–20 ms of the render's CPU).
 */
function scaledInto(from: Float32Array, to: Float32Array, divisor: number): boolean {
  let zeros = true;
  for (let i = 0; i < from.length; i++) {
    const v = from[i];
    if (v !== 0) zeros = false;
    to[i] = v / divisor;
  }
  return zeros;
}

export class PartitionedConvolver {
  private readonly fft: RealFft;
  /** Spectrum of each term's IR partitions (see IrSpectra); null = all zeros, missing past the IR's end. */
  private readonly partitions: (readonly (HeapFloats | null)[])[];
  /** The spectra this convolver made, and so frees. */
  private readonly owned: IrSpectra[] = [];
  /** Per input: [previous block | current block], the overlap-save frame. */
  private readonly frames = new Map<number, HeapFloats>();
  /** Per input: the spectra of its last K frames, a ring indexed by `slot`. */
  private readonly history = new Map<number, HeapFloats[]>();
  private readonly sum: HeapFloats;
  private readonly result: HeapFloats;
  private slot = 0;
  /** Number of IR partitions: how many blocks of input one output block depends on. */
  readonly partitionCount: number;

  constructor(
    module: PffftModule,
    private readonly terms: readonly ConvolutionTerm[],
    readonly partition: number,
    /** Gain on the output, applied to the spectra's products. */
    private readonly gain = 1,
  ) {
    if (partition % 16 !== 0) throw new Error(`partition ${partition} must be a multiple of 16 frames`);
    this.fft = new RealFft(module, 2 * partition);
    const spectra = terms.map((t) => {
      if ('spectra' in t) {
        if (t.spectra.partition !== partition)
          throw new Error(`IR spectra of partition ${t.spectra.partition} given to a convolver of ${partition}`);
        return t.spectra;
      }
      const made = IrSpectra.of(module, t.ir, partition);
      this.owned.push(made);
      return made;
    });
    const count = Math.max(1, ...spectra.map((x) => x.spectra.length));
    this.partitionCount = count;
    this.partitions = spectra.map((x) => x.spectra);
    for (const input of new Set(terms.map((t) => t.input))) {
      const frame = this.fft.buffer();
      frame.view().fill(0);
      this.frames.set(input, frame);
      const ring = Array.from({ length: count }, () => this.fft.buffer());
      for (const s of ring) s.view().fill(0);
      this.history.set(input, ring);
    }
    this.sum = this.fft.buffer();
    this.result = this.fft.buffer();
  }

  /**
   * Take the next P frames of every input (`blocks[input]`; shorter or missing = silence)
   * and write the next P frames of the output to `out` from `offset` (as many as fit).
   */
  process(blocks: readonly (Float32Array | undefined)[], out: Float32Array, offset = 0): void {
    const P = this.partition;
    const count = this.partitionCount;
    for (const [input, frame] of this.frames) {
      const view = frame.view();
      view.copyWithin(0, P, 2 * P);
      const block = blocks[input];
      const n = block ? Math.min(P, block.length) : 0;
      if (block) view.set(block.subarray(0, n), P);
      view.fill(0, P + n, 2 * P);
      this.fft.forward(frame, this.history.get(input)![this.slot]);
    }
    this.sum.view().fill(0);
    this.terms.forEach((term, t) => {
      const ring = this.history.get(term.input)!;
      const spectra = this.partitions[t];
      for (let k = 0; k < spectra.length; k++) {
        const h = spectra[k];
        if (h) this.fft.multiplyAccumulate(ring[(this.slot - k + count) % count], h, this.sum, this.gain);
      }
    });
    this.fft.inverse(this.sum, this.result);
    const n = Math.min(P, out.length - offset);
    if (n > 0) out.set(this.result.view().subarray(P, P + n), offset);
    this.slot = (this.slot + 1) % count;
  }

  dispose(): void {
    for (const s of this.owned) s.free();
    for (const f of this.frames.values()) f.free();
    for (const s of [...this.history.values()].flat()) s.free();
    this.sum.free();
    this.result.free();
    this.fft.dispose();
  }
}

/**
 * Partition size for an IR of `irLength` frames: the IR in one partition (fewest
 * multiply-adds) up to 2^15 frames, beyond that partitions of 2^15 so the transforms
 * stay small enough for the CPU's caches. Measured in bench/README.md (figure 1 notes).
 */
export function partitionFor(irLength: number): number {
  let p = 1024;
  while (p < irLength && p < MAX_PARTITION) p *= 2;
  return p;
}

const MAX_PARTITION = 2 ** 15;

/** Full linear convolution of one signal with one IR (length x + h − 1), for tests and tools. */
export function convolveWhole(module: PffftModule, x: Float32Array, h: Float32Array, partition = partitionFor(h.length)): Float32Array {
  const out = new Float32Array(x.length + h.length - 1);
  const convolver = new PartitionedConvolver(module, [{ input: 0, ir: h }], partition);
  try {
    for (let start = 0; start < out.length; start += partition) {
      convolver.process([x.subarray(Math.min(start, x.length), start + partition)], out, start);
    }
  } finally {
    convolver.dispose();
  }
  return out;
}
