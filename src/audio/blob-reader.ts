/**
 * A Blob's bytes in order, `count` at a time (at most `largest`), each at the start of its
 * buffer and valid until the next call. Where the browser streams a Blob into a buffer of
 * ours (a BYOB reader: Chromium), one buffer is refilled; elsewhere, a fresh slice a call.
 * Measured in a worker on an 11.5 MB file (Chromium 156): the renderer peaked 3 MB above an
 * idle worker read this way, 12 MB with a fresh slice a call (garbage the collector had not
 * reached); a reader slower than the file arrives (a hash, 8 ms a MB) lets Chromium queue
 * its own chunks, and then it too costs about the file's size until collected.
 *
 * `reuse`: a buffer of an earlier reader (`spare()`), refilled rather than a new one made
 * (a clip read from its file opens a reader at every jump: each would be fresh memory).
 */
export interface BlobReader {
  next(count: number): Promise<Uint8Array<ArrayBuffer>>;
  close(): void;
  /** The buffer this reader fills, for a later reader once this one is closed (null: none of its own). */
  spare(): ArrayBuffer | null;
}

/**
 * The byte readers open now. A stream waiting for its next bytes is otherwise reachable only
 * from the code awaiting it, which its pending read alone keeps: Chromium's collector took such
 * a stream, and the pass awaiting it never went on (seen on a 4-minute file: a view never
 * drawn). Held here from open to close.
 */
const open = new Set<ReadableStreamBYOBReader>();

export function blobReader(blob: Blob, largest: number, reuse?: ArrayBuffer | null): BlobReader {
  let reader: ReadableStreamBYOBReader | null = null;
  try {
    reader = blob.stream().getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream here: slices below.
  }
  if (!reader) {
    let at = 0;
    return {
      next: async (count) => {
        const bytes = new Uint8Array(await blob.slice(at, (at += count)).arrayBuffer());
        if (bytes.byteLength < count) throw new Error('The file changed while it was read.');
        return bytes;
      },
      close: () => {},
      spare: () => null,
    };
  }
  const byob = reader;
  open.add(byob);
  let chunk = reuse && reuse.byteLength >= largest ? reuse : new ArrayBuffer(largest);
  return {
    next: async (count) => {
      // A read may fill part of what it is given: read on until the slice is whole.
      for (let filled = 0; filled < count;) {
        const { done, value } = await byob.read(new Uint8Array(chunk, filled, count - filled));
        if (value) chunk = value.buffer;
        if (done || !value) throw new Error('The file changed while it was read.');
        filled += value.byteLength;
      }
      return new Uint8Array(chunk, 0, count);
    },
    close: () => {
      open.delete(byob);
      void byob.cancel().catch(() => {});
    },
    spare: () => chunk,
  };
}
