/** A file's hash in a worker, from the File itself (read a chunk at a time, hashed as it comes), is the hash of its bytes (what duplicates are found by). */
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/audio/duplicates';
import { hashFile } from '../../src/audio/hash-file';

describe('hashFile', () => {
  it('gives the SHA-256 of the bytes, computed in a worker', async () => {
    const bytes = Uint8Array.from({ length: (3 << 20) + 12_345 }, (_, i) => (i * 2654435761) >>> 24);
    const hash = await hashFile(new File([bytes], 'x.wav'));
    expect(hash).toBe(await contentHash(bytes));
    expect(await hashFile(new File([], 'empty.wav'))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hash).not.toBe(await hashFile(new File([bytes.subarray(1)], 'y.wav')));
  });
});
