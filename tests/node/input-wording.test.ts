import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, duplicateNote, findDuplicate } from '../../src/audio/duplicates';
import { storageFullMessage } from '../../src/state/storage-full';
import { encodeWav } from '../../src/codec/wav';
import { samplesDir } from './samples-helpers';

describe('the same file added twice', () => {
  it('is found by its bytes whatever its name, and the note names the earlier one', async () => {
    const bytes = new Uint8Array(readFileSync(join(samplesDir, 'snare-dry.wav')));
    const other = encodeWav({ sampleRate: 48000, channels: [new Float32Array(480).fill(0.1)] }, 'pcm16');
    const earlier = [
      { name: 'tone.wav', hash: await contentHash(other) },
      { name: 'snare.wav', hash: await contentHash(bytes.slice().buffer) },
    ];
    // Node's SHA-256 of the same bytes: an independent implementation.
    const { createHash } = await import('node:crypto');
    expect(earlier[1].hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    const found = findDuplicate(await contentHash(bytes.slice().buffer), earlier);
    expect(found?.name).toBe('snare.wav');
    expect(duplicateNote('snare copy.wav', found!)).toBe(
      '“snare copy.wav” is the same file as “snare.wav”, added before: that one is used instead of a second copy.',
    );
    expect(duplicateNote('snare.wav', found!)).toBe('“snare.wav” was added before: the copy already here is used.');
    // One byte different: not the same file.
    const changed = bytes.slice();
    changed[changed.length - 1] ^= 1;
    expect(findDuplicate(await contentHash(changed.buffer), earlier)).toBeUndefined();
  });
});

describe('storage full', () => {
  it('offers to delete older recordings only when there are some', () => {
    expect(storageFullMessage('“take 3.wav”', 2)).toBe(
      "The browser's storage is full, so “take 3.wav” was not saved: it stays until you reload. Delete older recordings to make room (2 samples of yours are kept here).",
    );
    const none = storageFullMessage('“take 1.wav”', 0);
    expect(none).not.toContain('Delete');
    expect(none).toContain('Nothing of yours is stored here to delete');
  });
});
