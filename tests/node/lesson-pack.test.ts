import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultComparison } from '../../src/comparison/setup';
import { defaultSettings } from '../../src/audio/settings';
import { sceneEntry } from '../../src/demo/own-scenes';
import { LessonPackError, MAX_PACK_BYTES, adoptScenes, openLessonPack, uniqueName, writeLessonPack } from '../../src/pack/lesson-pack';
import { findSample } from '../../src/samples/catalog';

const USER = 'user:abc-12345';
/** A real recording, as a teacher's own clip. */
const clip = new Uint8Array(readFileSync('samples/gunshot-dry-pistol.wav'));
const known = (id: string) => Boolean(findSample(id)) || id === USER;
const entry = sceneEntry(
  {
    title: 'Our shot',
    caption: 'Listen.',
    setup: defaultComparison(USER, defaultSettings('ir-canyon-narrow')),
    scale: 'linear',
    zoom: 0,
    regions: [],
  },
  'our-shot',
  known,
  'ir-antwerp-street',
);
const input = {
  scenes: [entry],
  samples: [{ id: USER, name: 'my shot.wav', kind: 'clip' as const, bytes: clip }],
  bundled: [{ id: 'ir-canyon-narrow', title: 'Narrow canyon', license: 'CC0' }],
  createdAt: '2026-12-02T02:00:00.000Z',
};

/** The pack's message, or a failure when it opens. */
async function refusal(bytes: Uint8Array, name = 'lesson.zip'): Promise<string> {
  try {
    await openLessonPack(bytes, name, findSample);
  } catch (err) {
    expect(err).toBeInstanceOf(LessonPackError);
    return (err as Error).message;
  }
  throw new Error('the pack opened');
}

/** The pack with its manifest changed by `edit` (and files replaced by `files`). */
function tampered(edit: (m: Record<string, unknown>) => void, files: Record<string, Uint8Array> = {}): Uint8Array {
  const unpacked = unzipSync(writeLessonPack(input));
  const manifest = JSON.parse(strFromU8(unpacked['manifest.json'])) as Record<string, unknown>;
  edit(manifest);
  return zipSync({ ...unpacked, ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

describe('lesson packs', () => {
  it('carry the scenes, the original bytes and the licence, and open again as they were', async () => {
    const pack = writeLessonPack(input);
    const opened = await openLessonPack(pack, 'lesson.zip', findSample);
    expect(opened.manifest.scenes.scenes).toEqual([entry]);
    expect(opened.samples).toHaveLength(1);
    expect(new Uint8Array(await opened.samples[0].file.arrayBuffer())).toEqual(clip);
    expect(opened.samples[0].file.name).toBe('my shot.wav');
    expect(opened.manifest.licence).toContain('ir-canyon-narrow: Narrow canyon — CC0');
    expect(strFromU8(unzipSync(pack)['LICENCE.txt'])).toBe(opened.manifest.licence);
  });

  it('refuses a corrupt, truncated, oversized or wrong-version pack, saying why', async () => {
    const pack = writeLessonPack(input);
    expect(await refusal(strToU8('PK\x03\x04 this is not really a zip'))).toMatch(/not a zip file, or it is damaged or cut short/);
    expect(await refusal(pack.slice(0, Math.floor(pack.byteLength * 0.6)))).toMatch(/damaged or cut short/);
    expect(await refusal(new Uint8Array(MAX_PACK_BYTES + 1))).toMatch(/it is 200 MB, more than a pack may be/);
    expect(await refusal(tampered((m) => (m.version = 2)))).toMatch(
      /lesson pack of version 2; this lab reads version 1. Nothing was added/,
    );
    expect(await refusal(zipSync({ 'notes.txt': strToU8('hello') }))).toMatch(/not a lesson pack \(it has no manifest.json\)/);
    expect(await refusal(tampered((m) => delete m.licence))).toMatch(/manifest does not fit the format \(licence/);
  });

  it('refuses a pack with a non-audio file inside, or scenes that need samples it lacks', async () => {
    const text = strToU8('just some notes, not a recording\n'.repeat(20));
    const withText = tampered(
      (m) => Object.assign((m.samples as Record<string, unknown>[])[0], { bytes: text.byteLength, name: 'notes.wav' }),
      { 'samples/1-my_shot.wav': text },
    );
    expect(await refusal(withText)).toBe(
      '“lesson.zip” cannot be opened: the file inside it “notes.wav” is a text file, not audio. Nothing was added.',
    );
    expect(await refusal(tampered((m) => (m.samples = [])))).toMatch(/neither in the pack nor in this lab \(user:abc-12345\)/);
  });

  it("adopts scenes beside the user's own: new sample ids, unique titles and ids", () => {
    const [adopted] = adoptScenes([entry], new Map([[USER, 'user:new-1']]), new Set(['our-shot']), new Set(['Our shot']));
    expect(adopted.title).toBe('Our shot (2)');
    expect(adopted.id).toBe('our-shot-2');
    expect((adopted.slots as { source?: string }[])[0].source).toBe('user:new-1');
    expect((entry.slots as { source?: string }[])[0].source).toBe(USER); // the pack's entry is not changed
    expect(uniqueName('shot.wav', new Set(['shot.wav', 'shot (2).wav']))).toBe('shot (3).wav');
  });
});
