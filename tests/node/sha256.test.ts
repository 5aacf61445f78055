/**
 * The streamed SHA-256 against Node's (OpenSSL's): every padding case around a block's end,
 * a real recording, and the same bytes fed in uneven pieces.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Sha256 } from '../../src/audio/sha256';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

it('gives the standard digest at every length around a block boundary', () => {
  expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe(
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 255);
  for (let n = 0; n <= 300; n++)
    expect(new Sha256().update(bytes.subarray(0, n)).hex(), `${n} bytes`).toBe(reference(bytes.subarray(0, n)));
});

it('a recording fed whole and in uneven pieces gives the same digest', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../samples/speech-dry.wav', import.meta.url)));
  const whole = reference(bytes);
  expect(new Sha256().update(bytes).hex()).toBe(whole);
  const sha = new Sha256();
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = [1, 63, 64, 65, 1000, 65_536, 3][k % 7];
    sha.update(bytes.subarray(at, (at += n)));
  }
  expect(sha.hex()).toBe(whole);
});
