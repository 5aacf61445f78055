import { describe, expect, it } from 'vitest';
import { defaultComparison, followRef, type ComparisonSetup } from '../../src/comparison/setup';
import { defaultSettings } from '../../src/audio/settings';
import { formatCaption } from '../../src/demo/caption-format';
import { SceneDraftError, parseEntry, readOwnScenes, sceneEntry, sceneId, type SceneDraft } from '../../src/demo/own-scenes';
import { sceneComparison } from '../../src/demo/scene-comparison';
import type { SampleLookup } from '../../src/demo/scene-format';
import { findSample } from '../../src/samples/catalog';

/** The bundled samples and one of the user's own clips (as the library lists them). */
const USER_CLIP = 'user:lq3k-abcde';
const lookup: SampleLookup = (id) => findSample(id) ?? (id === USER_CLIP ? { kind: 'clip' } : undefined);
const known = (id: string) => lookup(id) !== undefined;
const options = { lookup, defaultIrId: 'ir-antwerp-street' };

/** Three slots: the user's clip dry, the same through a compressed space, a bundled clip trimmed and shifted. */
function threeSlots(): ComparisonSetup {
  const wet = defaultSettings('ir-canyon-narrow');
  wet.reverb.wet = 0.42;
  wet.reverb.preDelay = 0.013;
  wet.compressor.enabled = true;
  wet.compressor.ratio = 6;
  const setup = defaultComparison(USER_CLIP, wet);
  setup.slots.push({
    ...setup.slots[0],
    id: 's7',
    label: 'Location',
    colour: 3,
    source: 'location-pistol-canyon',
    trimDb: -3.5,
    offset: 0.25,
  });
  setup.slots[1] = { ...setup.slots[1], source: followRef('s1') };
  setup.referenceId = 's7';
  setup.heard = 's2';
  return setup;
}

const draft = (overrides: Partial<SceneDraft> = {}): SceneDraft => ({
  title: 'Your shot in the canyon',
  caption: 'Listen to the **tail**.\n\n- first the bang\n- then *the street*',
  setup: threeSlots(),
  scale: 'decibels',
  zoom: 800,
  regions: [{ slotId: 's2', start: 0.1, end: 0.6, label: 'the tail' }],
  ...overrides,
});

describe('saving the lab as a scene', () => {
  it('gives back, through the scene parser, the comparison it was saved from', () => {
    const d = draft();
    const scene = parseEntry(sceneEntry(d, 'your-shot', known, options.defaultIrId), options);
    expect(scene.missingSamples).toEqual([]);
    expect(scene).toMatchObject({ id: 'your-shot', title: d.title, caption: d.caption, scale: 'decibels', zoom: 800, heard: 'B' });
    expect(scene.regions).toEqual([{ view: 'B', start: 0.1, end: 0.6, label: 'the tail' }]);

    const { setup } = sceneComparison(scene);
    const before = d.setup;
    // Slot ids are renumbered in order; everything else comes back as it was.
    const ids = new Map(before.slots.map((s, i) => [s.id, `s${i + 1}`]));
    expect(setup.slots.map((s) => [s.label, s.source, s.settings, s.trimDb, s.offset])).toEqual(
      before.slots.map((s) => [
        s.label,
        s.source.startsWith('follow:') ? followRef(ids.get(s.source.slice(7))!) : s.source,
        s.settings,
        s.trimDb,
        s.offset,
      ]),
    );
    expect(setup.referenceId).toBe(ids.get(before.referenceId));
    expect(setup.heard).toBe(ids.get(before.heard));
  });

  it('keeps the difference heard, and an unsaved space off is replaced, on is refused', () => {
    const setup = threeSlots();
    setup.heard = 'difference';
    setup.slots[0].settings.reverb.irId = 'session:captured';
    const scene = parseEntry(sceneEntry(draft({ setup }), 'x', known, options.defaultIrId), options);
    expect(scene.heard).toBe('difference');
    expect(scene.slots[0].settings.reverb.irId).toBe(options.defaultIrId);

    setup.slots[1].settings.reverb.irId = 'session:designed';
    expect(() => sceneEntry(draft({ setup }), 'x', known, options.defaultIrId)).toThrow(/made in the lab and not saved/);
    expect(() => sceneEntry(draft({ title: '  ' }), 'x', known, options.defaultIrId)).toThrow(SceneDraftError);
  });

  it('reads kept scenes one by one: a broken one is named, the others stay', () => {
    const good = sceneEntry(draft(), 'good', known, options.defaultIrId);
    const broken = { ...good, id: 'broken', title: 'Broken', zoom: -1 };
    const gone = { ...good, id: 'gone', title: 'Gone' };
    const read = readOwnScenes([good, broken, gone], { ...options, lookup: (id) => (id === USER_CLIP ? undefined : lookup(id)) });
    expect(read.kept.map((k) => k.scene.id)).toEqual(['good', 'gone']);
    expect(read.kept[0].scene.missingSamples).toEqual([USER_CLIP]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/“Broken”.*zoom must be/s);
  });

  it('makes ids from titles, unique among those taken', () => {
    expect(sceneId('Reverb: the tail!', new Set())).toBe('reverb-the-tail');
    expect(sceneId('Reverb: the tail!', new Set(['reverb-the-tail', 'reverb-the-tail-2']))).toBe('reverb-the-tail-3');
    expect(sceneId('Ünïcode ✓', new Set())).toBe('unicode');
    expect(sceneId('✓✓', new Set())).toBe('scene');
  });
});

describe('caption formatting', () => {
  it('parses paragraphs, lists, emphasis and strong into text, never markup', () => {
    expect(formatCaption('Listen to the **tail**.\n\n- first the bang\n- then *the street*\nAfter <b>all</b>')).toEqual([
      {
        kind: 'paragraph',
        spans: [
          { text: 'Listen to the ', style: 'plain' },
          { text: 'tail', style: 'strong' },
          { text: '.', style: 'plain' },
        ],
      },
      {
        kind: 'list',
        items: [
          [{ text: 'first the bang', style: 'plain' }],
          [
            { text: 'then ', style: 'plain' },
            { text: 'the street', style: 'em' },
          ],
        ],
      },
      { kind: 'paragraph', spans: [{ text: 'After <b>all</b>', style: 'plain' }] },
    ]);
  });

  it('leaves lone stars and arithmetic as they are', () => {
    expect(formatCaption('2 * 3 = 6 and a * here')).toEqual([
      { kind: 'paragraph', spans: [{ text: '2 * 3 = 6 and a * here', style: 'plain' }] },
    ]);
  });
});
