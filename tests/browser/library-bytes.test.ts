/**
 * The Library keeps a user's file as the File itself in IndexedDB (a Blob the browser holds
 * on disk), not as a second copy of its bytes in the page, and decodes the bytes it read
 * in place (while it is written, the clip is already in use: `saving` names it): the file still comes back, sample for sample, in a fresh Library after a reload.
 */
import { afterEach, expect, it } from 'vitest';
import { clear, createStore, get } from 'idb-keyval';
import { encodeWav } from '../../src/codec/wav';
import { Library } from '../../src/state/library.svelte';
import { Notifications } from '../../src/state/notifications.svelte';
import { wholeOf } from './helpers';

const store = createStore('canyon-lab', 'kv');
afterEach(() => clear(store));

it('stores the File as a Blob and decodes it again to the same samples', { timeout: 30_000 }, async () => {
  await clear(store);
  const x = new Float32Array(48_000);
  for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.exp(-i / 9000) * Math.sin((2 * Math.PI * 440 * i) / 48_000);
  const file = new File([encodeWav({ sampleRate: 48_000, channels: [x, x.map((v) => -v)] }, 'pcm16')], 'take.wav');
  const notes = new Notifications();
  const library = new Library(notes);
  const id = await library.addFiles([file], 'clip');
  expect(id, notes.messages.map((m) => m.text).join(' ')).not.toBeNull();
  // In use at once; written to IndexedDB meanwhile, and the page says so until it is.
  expect(library.saving).toEqual(['take.wav']);
  await library.whenSaved();
  expect(library.saving).toEqual([]);
  const kept = await get<unknown>(`sample:${id}`, store);
  expect(kept).toBeInstanceOf(Blob);
  expect((kept as Blob).size).toBe(file.size);
  expect(library.userSamples[0].bytes).toBe(file.size);

  const first = await library.decode(id!);
  const fresh = new Library(new Notifications());
  await fresh.restore();
  const again = await fresh.decode(id!);
  expect(again.length).toBe(first.length);
  const [a, b] = [await wholeOf(again), await wholeOf(first)];
  for (let c = 0; c < 2; c++) expect(a[c]).toEqual(b[c]);
});
