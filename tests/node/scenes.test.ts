import { describe, expect, it } from 'vitest';
import { parseScenes, SceneFormatError, type SampleLookup } from '../../src/demo/scene-format';
import { loadBundledScenes, loadScenes } from '../../src/demo/scenes';
import { defaultSettings } from '../../src/audio/settings';
import { findSample } from '../../src/samples/catalog';
import storedScenesV1 from '../fixtures/scenes-v1.json';

const kinds: Record<string, 'clip' | 'impulse-response' | 'room-tone'> = {
  shot: 'clip',
  street: 'impulse-response',
  hall: 'impulse-response',
  hum: 'room-tone',
};
const lookup: SampleLookup = (id) => (kinds[id] ? { kind: kinds[id] } : undefined);
const options = { lookup, defaultIrId: 'street' };

function minimal(overrides: Record<string, unknown> = {}) {
  return { id: 'one', title: 'One', caption: 'Listen.', clip: 'shot', ...overrides };
}

/** Parse and return the problem list (the test fails if it parses). */
function problemsOf(json: unknown): string[] {
  try {
    parseScenes(json, options, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SceneFormatError);
    return (err as SceneFormatError).problems;
  }
  throw new Error('expected a SceneFormatError');
}

describe('scene file format', () => {
  it('merges partial settings over the defaults and fills in side and regions', () => {
    const [scene] = parseScenes({ version: 1, scenes: [minimal({ settings: { compressor: { enabled: true, ratio: 4 } } })] }, options);
    const expected = defaultSettings('street');
    expected.compressor.enabled = true;
    expected.compressor.ratio = 4;
    expect(scene.slots[1].settings).toEqual(expected);
    expect(scene.heard).toBe('A');
    expect(scene.regions).toEqual([]);
    expect(scene.scale).toBe('linear');
    expect(scene.roomTone).toBeNull();
    expect(scene.missingSamples).toEqual([]);
  });

  it('resolves "@name" references through the samples table', () => {
    const [scene] = parseScenes(
      {
        version: 1,
        samples: { gun: 'shot', space: 'hall', bed: 'hum' },
        scenes: [minimal({ clip: '@gun', settings: { reverb: { irId: '@space' } }, roomTone: { sample: '@bed', levelDb: -20 } })],
      },
      options,
    );
    expect(scene.slots[0].source).toBe('shot');
    expect(scene.slots[1].settings.reverb.irId).toBe('hall');
    expect(scene.roomTone).toEqual({ sampleId: 'hum', levelDb: -20, slot: 'B' });
  });

  it('takes a clip as the room-tone bed and a room tone as the clip, but never an IR as either', () => {
    const [scene] = parseScenes({ version: 1, scenes: [minimal({ clip: 'hum', roomTone: { sample: 'shot', levelDb: -30 } })] }, options);
    expect([scene.slots[0].source, scene.roomTone?.sampleId]).toEqual(['hum', 'shot']);
    expect(problemsOf({ version: 1, scenes: [minimal({ roomTone: { sample: 'hall', levelDb: -30 } })] })).toEqual([
      'scenes[0] ("one"): roomTone.sample "hall" is of kind "impulse-response", but this needs "clip" or "room-tone"',
    ]);
    expect(problemsOf({ version: 1, scenes: [minimal({ settings: { reverb: { irId: 'shot' } } })] })).toEqual([
      'scenes[0] ("one"): settings.reverb.irId "shot" is of kind "clip", but this needs "impulse-response"',
    ]);
  });

  it('keeps a scene whose samples are not bundled yet and lists them, instead of failing', () => {
    const [scene] = parseScenes(
      { version: 1, scenes: [minimal({ clip: 'speech-dry', roomTone: { sample: 'roomtone-street', levelDb: -24 } })] },
      options,
    );
    expect(scene.missingSamples).toEqual(['speech-dry', 'roomtone-street']);
  });

  it('names every problem of a malformed file with where it is', () => {
    const problems = problemsOf({
      version: 1,
      samples: { gun: 'shot' },
      scenes: [
        minimal({ settings: { compressor: { treshold: -20, ratio: '8' } } }),
        minimal({ id: 'Two Words', clip: '@pistol', side: 'C', scale: 'log', zoom: -5 }),
        minimal({
          id: 'three',
          clip: 'street',
          regions: [
            { start: 0.5, end: 0.2, label: 'tail' },
            { start: 0, end: 1 },
          ],
        }),
        minimal({ id: 'one' }),
      ],
    });
    expect(problems).toEqual([
      'scenes[0] ("one"): settings.compressor has an unknown key "treshold" (expected one of enabled, threshold, ratio, attack, release, knee, makeup)',
      'scenes[0] ("one"): settings.compressor.ratio must be a number from 1 to 20 (:1), got "8"',
      'scenes[1] ("Two Words"): id "Two Words" must be lower-case words joined by hyphens, e.g. "canned-vs-location"',
      'scenes[1] ("Two Words"): clip refers to "@pistol", but "samples" has no "pistol"',
      'scenes[1] ("Two Words"): side must be "A" or "B", got "C"',
      'scenes[1] ("Two Words"): scale must be "linear" or "decibels", got "log"',
      'scenes[1] ("Two Words"): zoom must be a number of pixels per second from 0 (fit) to 20000, got -5',
      'scenes[2] ("three"): clip "street" is of kind "impulse-response", but this needs "clip" or "room-tone"',
      'scenes[2] ("three"): regions[0].end must be a number of seconds after start (0.5), got 0.2',
      'scenes[2] ("three"): regions[1].label must be a non-empty string, got undefined',
      'scenes[3] ("one"): id "one" is used by an earlier scene too',
    ]);
  });

  it('refuses a title or caption too long to show, saying how long it is and what is allowed', () => {
    expect(problemsOf({ version: 1, scenes: [minimal({ title: 'T'.repeat(500), caption: 'c'.repeat(4001) })] })).toEqual([
      'scenes[0] ("one"): title is 500 characters long: at most 120',
      'scenes[0] ("one"): caption is 4001 characters long: at most 4000',
    ]);
    expect(parseScenes({ version: 1, scenes: [minimal({ title: 'T'.repeat(120) })] }, options)[0].title).toHaveLength(120);
  });

  it('rejects a file that is not a scene list at all, with a message saying what was expected', () => {
    expect(() => parseScenes([], options, 'test.json')).toThrow(
      /test\.json has a problem:\n- the file must hold an object with "version" and "scenes"/,
    );
    expect(problemsOf({ version: 3, scenes: [] })).toEqual([
      'version: must be 1 or 2, got 3',
      'scenes: must be a non-empty list of scenes, got []',
    ]);
    expect(problemsOf({ version: 1, scenes: [minimal({ settings: { reverb: { wet: 1.5 } }, colour: 'red' })] })).toEqual([
      'scenes[0] ("one"): unknown key "colour" (expected one of id, title, caption, clip, settings, side, regions, scale, zoom, roomTone)',
      'scenes[0] ("one"): settings.reverb.wet must be a number from 0 to 1, got 1.5',
    ]);
  });

  it('loadScenes turns a malformed file into an error message for the panel, not a crash', () => {
    const loaded = loadScenes({ version: 1, scenes: [minimal({ clip: 42 })] }, 'my-scenes.json');
    expect(loaded.scenes).toEqual([]);
    expect(loaded.error).toMatch(/^my-scenes\.json has a problem:\n- scenes\[0\] \("one"\): clip must be a sample id/);
  });
});

describe('the bundled scenes', () => {
  const { scenes, error } = loadBundledScenes();

  it('parse without problems, in the order of the class demo', () => {
    expect(error).toBeNull();
    expect(scenes.map((s) => s.id)).toEqual([
      'canned-vs-location',
      'reverb-anatomy',
      'levelled-to-be-pleasant',
      'room-tone',
      'class-abx',
      'canned-vs-location-recording',
    ]);
  });

  it('use bundled samples, except the ones another branch is generating', () => {
    const missing = new Set(scenes.flatMap((s) => s.missingSamples));
    for (const id of missing) expect(['speech-dry', 'roomtone-street']).toContain(id);
    for (const s of scenes) {
      for (const slot of s.slots)
        if (slot.source && !s.missingSamples.includes(slot.source)) expect(findSample(slot.source)?.kind).toBe('clip');
      expect(s.regions.every((r) => r.end > r.start)).toBe(true);
    }
  });

  it('mark the anatomy of the tail on B, inside the clip + IR time axis', () => {
    const anatomy = scenes.find((s) => s.id === 'reverb-anatomy')!;
    const axis = findSample(anatomy.slots[0].source!)!.duration + findSample(anatomy.slots[1].settings.reverb.irId)!.duration;
    expect(anatomy.scale).toBe('decibels');
    expect(anatomy.zoom).toBeGreaterThan(0); // the first 130 ms must be wide enough to read
    expect(anatomy.regions.map((r) => r.label)).toEqual(['direct sound', 'early reflections', 'flutter echo', 'late tail']);
    for (const r of anatomy.regions) {
      expect(r.view).toBe('B');
      expect(r.end).toBeLessThanOrEqual(axis + 1e-3);
    }
  });

  it('read the same from the version-1 file they were written in: one clip becomes slots A and B', () => {
    const fromV1 = loadScenes(storedScenesV1).scenes;
    expect(fromV1.map((s) => s.id)).toEqual(scenes.slice(0, 5).map((s) => s.id));
    // Version 1 had no blind-test field (its ABX scene's key was tied to the scene's id): the rest is the same.
    fromV1.forEach((old, i) => expect({ ...old, blindTest: scenes[i].blindTest }).toEqual(scenes[i]));
    expect(fromV1.every((s) => s.blindTest === null)).toBe(true);
  });

  it('compare two independent recordings and a processed copy, aligned and matched to the location take', () => {
    const scene = scenes.find((s) => s.id === 'canned-vs-location-recording')!;
    expect(scene.slots.map((s) => [s.label, s.source, s.sameSourceAs, s.offset])).toEqual([
      ['A', 'gunshot-canned', null, 'align'],
      ['B', 'location-pistol-canyon', null, 0],
      ['C', null, 'A', 'align'],
    ]);
    expect(scene.reference).toBe('B');
    // A and B as recorded; C is A through the same street's response.
    expect(scene.slots.map((s) => s.settings.reverb.enabled)).toEqual([false, false, true]);
    expect(scene.slots[2].settings.reverb.irId).toBe('ir-canyon-narrow');
  });
});

describe('scene file format, version 2 (slots)', () => {
  const v2 = (scene: Record<string, unknown>) => ({ version: 2, scenes: [{ id: 'two', title: 'Two', caption: 'Compare.', ...scene }] });

  it('reads a blind test the scene starts with its key, and refuses a key that has a job already or another kind', () => {
    const slots = [
      { label: 'A', source: 'shot' },
      { label: 'B', sameSourceAs: 'A', settings: { reverb: { enabled: true } } },
    ];
    const [scene] = parseScenes(v2({ slots, blindTest: { kind: 'abx', key: 'x' } }), options);
    expect(scene.blindTest).toEqual({ kind: 'abx', key: 'x' });
    expect(parseScenes(v2({ slots }), options)[0].blindTest).toBeNull();
    expect(problemsOf(v2({ slots, blindTest: { kind: 'abx', key: 'd' } }))).toEqual([
      'scenes[0] ("two"): blindTest.key must be one lower-case letter other than a, b, d, l, h, r (they have jobs already), got "d"',
    ]);
    expect(problemsOf(v2({ slots, blindTest: { kind: 'mushra', key: 'x', when: 1 } }))).toEqual([
      'scenes[0] ("two"): blindTest has an unknown key "when" (expected one of kind, key)',
      'scenes[0] ("two"): blindTest.kind must be "abx", got "mushra"',
    ]);
    // The bundled class-ABX scene declares it; no other bundled scene does.
    expect(loadBundledScenes().scenes.flatMap((s) => (s.blindTest ? [[s.id, s.blindTest.key]] : []))).toEqual([['class-abx', 'x']]);
  });

  it('reads slots with their own sources, processing, trims and offsets; a slot can share another’s source', () => {
    const [scene] = parseScenes(
      v2({
        slots: [
          { label: 'Dry', source: 'shot' },
          { label: 'Hall', sameSourceAs: 'Dry', settings: { reverb: { enabled: true, irId: 'hall', preDelay: 0.02 } }, trimDb: -3 },
          { label: 'Bed', source: 'hum', offset: 'align' },
        ],
        heard: 'Hall',
        regions: [{ slot: 'Hall', start: 0, end: 0.1, label: 'direct' }],
        roomTone: { sample: 'hum', levelDb: -30, slot: 'Dry' },
      }),
      options,
    );
    expect(scene.slots.map((s) => [s.label, s.source, s.sameSourceAs, s.trimDb, s.offset])).toEqual([
      ['Dry', 'shot', null, 0, 0],
      ['Hall', null, 'Dry', -3, 0],
      ['Bed', 'hum', null, 0, 'align'],
    ]);
    expect(scene.slots[0].settings.reverb.enabled).toBe(false); // a slot is dry unless it says otherwise
    expect(scene.slots[1].settings.reverb).toEqual({ enabled: true, irId: 'hall', wet: 0.5, preDelay: 0.02 });
    expect([scene.heard, scene.reference, scene.regions[0].view, scene.roomTone?.slot]).toEqual(['Hall', 'Dry', 'Hall', 'Dry']);
  });

  it('names every problem of a malformed slot list', () => {
    expect(
      problemsOf(
        v2({
          slots: [
            { label: 'A', source: 'shot', sameSourceAs: 'B' },
            { label: 'A', sameSourceAs: 'C', trimDb: 99 },
            { label: '', source: 'street', offset: 'later' },
          ],
          heard: 'Z',
          regions: [{ slot: 'Q', start: 0, end: 1, label: 'x' }],
        }),
      ),
    ).toEqual([
      'scenes[0] ("two"): slots[0] must have either "source" (a sample) or "sameSourceAs" (a slot\'s label)',
      'scenes[0] ("two"): slots[1].label "A" is used by an earlier slot too',
      'scenes[0] ("two"): slots[1].trimDb must be a number from -40 to 20 (dB), got 99',
      'scenes[0] ("two"): slots[2].label must be a name of 1 to 24 characters, got ""',
      'scenes[0] ("two"): slots[2].source "street" is of kind "impulse-response", but this needs "clip" or "room-tone"',
      'scenes[0] ("two"): slots[2].offset must be a number from -10 to 10 (s), got "later"',
      'scenes[0] ("two"): slots[0].sameSourceAs must name another slot that has a "source", got "B"',
      'scenes[0] ("two"): slots[1].sameSourceAs must name another slot that has a "source", got "C"',
      'scenes[0] ("two"): heard must be "A", "A", "", "difference", got "Z"',
      'scenes[0] ("two"): regions[0].slot must be "A" or "A" or "", got "Q"',
    ]);
    expect(problemsOf(v2({ slots: [{ label: 'A', source: 'shot' }] }))).toEqual([
      'scenes[0] ("two"): slots must be a list of 2 to 8 slots, got [{"label":"A","source":"shot"}]',
    ]);
  });

  it('refuses a slot whose "sameSourceAs" is not a label (it would play nothing)', () => {
    for (const wrong of [5, null, { label: 'A' }])
      expect(
        problemsOf(
          v2({
            slots: [
              { label: 'A', source: 'shot' },
              { label: 'B', sameSourceAs: wrong },
            ],
          }),
        ),
      ).toEqual([`scenes[0] ("two"): slots[1].sameSourceAs must be another slot's label, got ${JSON.stringify(wrong)}`]);
  });
});
