/**
 * Imports in quick succession, as a user drops one file and then another before the first
 * is read: each is kept once, the last one asked for ends up in the slot, and a file
 * dropped twice is found as the duplicate it is rather than stored twice; all of them are
 * in IndexedDB after their writes (which run in turn while the clips are already in use).
 */
import { afterEach, expect, it } from 'vitest';
import { mountLab, unmountLab } from './mounted-lab';
import { encodeWav } from '../../src/codec/wav';
import { slotA } from './default-slots';
import { Library } from '../../src/state/library.svelte';
import { Notifications } from '../../src/state/notifications.svelte';

afterEach(unmountLab);

/** A decaying tone of `seconds` (its length tells the files apart once decoded). */
function toneFile(name: string, seconds: number, freq: number): File {
  const x = new Float32Array(Math.round(seconds * 48_000));
  for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.exp(-i / 20_000) * Math.sin((2 * Math.PI * freq * i) / 48_000);
  return new File([encodeWav({ sampleRate: 48_000, channels: [x] }, 'pcm16')], name);
}

it(
  'two files dropped in quick succession: both kept, the second in the slot; the same file twice: kept once',
  { timeout: 90_000 },
  async () => {
    const { lab } = await mountLab();

    // A big first file and a small second one: unordered, the second would finish first and lose the slot to the first.
    const first = lab.addFiles([toneFile('long take.wav', 8, 220)], 'clip');
    const second = lab.addFiles([toneFile('short take.wav', 1.5, 440)], 'clip');
    await Promise.all([first, second]);
    expect(lab.library.userSamples.map((m) => m.name)).toEqual(['long take.wav', 'short take.wav']);
    await expect.poll(() => slotA(lab).audio?.duration ?? 0, { timeout: 30_000 }).toBeCloseTo(1.5, 3);
    expect(lab.library.titleOf(slotA(lab).source)).toBe('short take.wav (yours)');

    const again = toneFile('snare copy.wav', 2, 330);
    await Promise.all([lab.addFiles([again], 'clip'), lab.addFiles([new File([again], 'snare copy (1).wav')], 'clip')]);
    expect(lab.library.userSamples.map((m) => m.name)).toEqual(['long take.wav', 'short take.wav', 'snare copy.wav']);
    expect(lab.notifications.messages.some((m) => m.text.includes('snare copy (1).wav'))).toBe(true);
    // As many bytes but others (a file of a size never seen goes on before its hash is known; this one waits for it): kept.
    await lab.addFiles([toneFile('snare other.wav', 2, 331)], 'clip');
    const names = ['long take.wav', 'short take.wav', 'snare copy.wav', 'snare other.wav'];
    expect(lab.library.userSamples.map((m) => m.name)).toEqual(names);
    expect(lab.library.importing).toBeNull();

    // Each is written to IndexedDB while already in use, the writes in turn: a fresh Library (a reload) lists all four.
    // Only the two of one size were hashed (the kept one when the second came); the takes of sizes never seen were not.
    await lab.library.whenSaved();
    const fresh = new Library(new Notifications());
    await fresh.restore();
    expect(fresh.userSamples.map((m) => m.name)).toEqual(names);
    const hashes = fresh.userSamples.map((m) => m.hash);
    expect(hashes).toEqual(lab.library.userSamples.map((m) => m.hash));
    expect(hashes.slice(0, 2)).toEqual([undefined, undefined]);
    expect(hashes.slice(2).every((h) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);
    expect(hashes[2]).not.toBe(hashes[3]);
    // Found as a duplicate after the reload too, by the hash it was kept with.
    await fresh.addFiles([new File([again], 'snare again.wav')], 'clip');
    expect(fresh.userSamples).toHaveLength(4);
  },
);

it(
  'a file of a size not seen yet is kept unhashed, and after a reload a copy of it is still found as a duplicate, by the bytes kept',
  { timeout: 60_000 },
  async () => {
    const library = new Library(new Notifications());
    await library.restore();
    const before = library.userSamples.length;
    const file = toneFile('hall take.wav', 3, 250);
    await library.addFiles([file], 'clip');
    await expect.poll(() => library.saving, { timeout: 20_000 }).toEqual([]);
    expect(library.userSamples.at(-1)?.hash).toBeUndefined();

    const notes = new Notifications();
    const fresh = new Library(notes);
    await fresh.restore();
    expect(fresh.userSamples).toHaveLength(before + 1);
    expect(fresh.userSamples.at(-1)?.hash).toBeUndefined();
    await fresh.addFiles([new File([file], 'hall take (copy).wav')], 'clip');
    expect(fresh.userSamples).toHaveLength(before + 1);
    expect(notes.messages.some((m) => m.text.includes('hall take (copy).wav'))).toBe(true);
  },
);
