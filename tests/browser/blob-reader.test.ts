/**
 * A Blob's bytes read in pieces (blobReader: the WAV reader's and the hash worker's): in
 * order, whatever the sizes asked, through Chromium's BYOB reader into one buffer, and
 * through slices where a Blob's stream is not a byte stream; a Blob shorter than asked fails.
 */
import { expect, it } from 'vitest';
import { blobReader } from '../../src/audio/blob-reader';

const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24);
const counts = [1, 65_536, 100_000, 3, 70_000, 64_460];

/** Bytes that differ from the Blob's (toEqual walks 300 000 elements slowly). */
const differing = (read: Uint8Array) => read.reduce((n, v, i) => n + (v === bytes[i] ? 0 : 1), 0);

async function readAll(blob: Blob): Promise<{ read: Uint8Array; buffers: number[] }> {
  const reader = blobReader(blob, 100_000);
  const read = new Uint8Array(bytes.length);
  const buffers: number[] = [];
  let at = 0;
  for (const n of counts) {
    const piece = await reader.next(n);
    expect(piece.length).toBe(n);
    buffers.push(piece.buffer.byteLength);
    read.set(piece, at);
    at += n;
  }
  reader.close();
  return { read, buffers };
}

it('reads the bytes in order into one reused buffer through a BYOB reader', async () => {
  const { read, buffers } = await readAll(new Blob([bytes]));
  expect(differing(read)).toBe(0);
  // Every piece lies in the one buffer of the largest size asked for, however short.
  expect(new Set(buffers)).toEqual(new Set([100_000]));
});

it('falls back to slices where the stream is not a byte stream, and fails on a short Blob', async () => {
  const blob = new Blob([bytes]);
  // A stream with no BYOB reader, as a browser without byte streams for Blobs gives.
  const plain = Object.assign(blob.slice(), { stream: () => new Response(blob).body!.pipeThrough(new TransformStream()) });
  const { read, buffers } = await readAll(plain);
  expect(differing(read)).toBe(0);
  expect(buffers).toEqual(counts);
  const short = blobReader(new Blob([bytes.subarray(0, 10)]), 100);
  await expect(short.next(20)).rejects.toThrow('The file changed while it was read.');
});
