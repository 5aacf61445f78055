/**
 * Parts of a file, read on demand. Header parsers run synchronously on a ByteWindow;
 * when they reach bytes it does not hold they throw NeedBytes, the caller reads that
 * slice of the file and runs them again. So a length check reads the few kilobytes a
 * container's headers occupy wherever they are (after 2 MB of cover art, at the end of
 * an MP4), never the whole file. Over bytes already in memory nothing is ever missing.
 */

/** Thrown by a read of bytes the window does not hold (yet). */
export class NeedBytes extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
  ) {
    super(`bytes ${offset}–${offset + length} not read yet`);
  }
}

export class ByteWindow {
  private readonly parts: { offset: number; bytes: Uint8Array }[] = [];

  /** `size`: the whole file's length; `bytes` at `offset`: what is held so far. */
  constructor(
    readonly size: number,
    bytes?: Uint8Array,
    offset = 0,
  ) {
    if (bytes) this.add(offset, bytes);
  }

  add(offset: number, bytes: Uint8Array): void {
    this.parts.push({ offset, bytes });
  }

  /** How many bytes have been read into the window. */
  get held(): number {
    return this.parts.reduce((sum, p) => sum + p.bytes.length, 0);
  }

  /** Whether `length` bytes at `offset` exist in the file (reading them never runs past its end). */
  within(offset: number, length: number): boolean {
    return offset >= 0 && offset + length <= this.size;
  }

  /** `length` bytes at `offset`, clipped to the file's end; NeedBytes when not held. */
  bytes(offset: number, length: number): Uint8Array {
    const end = Math.min(this.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    for (const p of this.parts) {
      if (p.offset <= offset && end <= p.offset + p.bytes.length) return p.bytes.subarray(offset - p.offset, end - p.offset);
    }
    throw new NeedBytes(offset, end - offset);
  }

  private view(offset: number, length: number): DataView {
    const b = this.bytes(offset, length);
    if (b.length < length) throw new RangeError(`read past the end of the file at ${offset}`);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  u8(at: number): number {
    return this.view(at, 1).getUint8(0);
  }
  u16(at: number, little: boolean): number {
    return this.view(at, 2).getUint16(0, little);
  }
  u32(at: number, little: boolean): number {
    return this.view(at, 4).getUint32(0, little);
  }
  u64(at: number, little: boolean): number {
    const v = this.view(at, 8);
    const [lo, hi] = little ? [v.getUint32(0, true), v.getUint32(4, true)] : [v.getUint32(4), v.getUint32(0)];
    return hi * 2 ** 32 + lo;
  }
  /** Four (or `length`) bytes as text, for chunk and atom names. */
  ascii(at: number, length = 4): string {
    return String.fromCharCode(...this.bytes(at, length));
  }
  /** Whether the file has `text` at `at` (false past its end). */
  is(at: number, text: string): boolean {
    return this.within(at, text.length) && this.ascii(at, text.length) === text;
  }
}

/** The most a length check reads of a file, in total, before it gives up on the headers. */
export const MAX_PROBE_BYTES = 8 << 20;
/** Reads are rounded up to this: headers cluster, and each slice of a File is a round trip. */
const READ_BLOCK = 64 * 1024;

/**
 * Run `parse` on `blob`, reading the slices it asks for (at most MAX_PROBE_BYTES in all).
 * Resolves to `undefined` if the parser keeps asking past that budget.
 */
export async function parseBlob<T>(blob: Blob, parse: (w: ByteWindow) => T): Promise<T | undefined> {
  const window = new ByteWindow(blob.size);
  for (;;) {
    try {
      return parse(window);
    } catch (err) {
      if (!(err instanceof NeedBytes)) throw err;
      if (window.held + err.length > MAX_PROBE_BYTES) return undefined;
      const end = Math.min(blob.size, err.offset + Math.max(err.length, READ_BLOCK));
      window.add(err.offset, new Uint8Array(await blob.slice(err.offset, end).arrayBuffer()));
    }
  }
}
