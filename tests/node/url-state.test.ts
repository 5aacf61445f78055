import { describe, expect, it } from 'vitest';
import { encodeComparison } from '../../src/state/url-state';
import { parseComparison } from '../../src/schema/shared-comparison';
import { defaultSettings } from '../../src/audio/settings';
import { DIFFERENCE, defaultComparison, followRef } from '../../src/comparison/setup';

const defaults = defaultComparison('gm-gunshot-canned', defaultSettings('ir-antwerp-street'));
const known = (id: string, role: 'clip' | 'impulse-response') =>
  (role === 'clip' ? ['gm-gunshot-canned', 'snare-dry', 'ufoai-pistol'] : ['ir-antwerp-street', 'ir-balloon-room']).includes(id);

describe('comparison in the URL', () => {
  it('round-trips every slot: source, processing, trim, offset, label, colour; the reference, the heard one, the null-test pair', () => {
    const s = defaultSettings('ir-balloon-room');
    s.reverb.wet = 0.25;
    s.reverb.preDelay = 0.035;
    s.compressor.enabled = true;
    s.compressor.threshold = -42;
    s.compressor.attack = 0.004;
    const c = defaultComparison('snare-dry', s);
    c.slots.push({ ...c.slots[0], id: 's3', label: 'Pistol', colour: 5, source: 'ufoai-pistol', trimDb: -4.5, offset: 0.0123 });
    c.referenceId = 's3';
    c.heard = DIFFERENCE;
    c.selectedId = 's1';
    c.difference = ['s3', 's1'];
    const parsed = parseComparison(`#${encodeComparison(c)}`, defaults, known)!;
    expect(parsed.slots).toEqual(c.slots);
    expect([parsed.referenceId, parsed.heard, parsed.difference]).toEqual(['s3', DIFFERENCE, ['s3', 's1']]);
  });

  it('rejects unknown sources, ignores unknown IRs and clamps numbers', () => {
    const c = defaultComparison('snare-dry', defaultSettings('ir-antwerp-street'));
    const hash = encodeComparison(c);
    expect(parseComparison(`#${hash.replace('snare-dry', 'user:123')}`, defaults, known)).toBeNull();
    const wild = hash.replace(/slot=([^&]*)/g, (m, f: string) => {
      const fields = decodeURIComponent(f).split(',');
      fields[6] = 'nope';
      fields[7] = '7'; // wet
      fields[10] = '-999'; // threshold
      fields[11] = 'abc'; // ratio
      return `slot=${encodeURIComponent(fields.join(','))}`;
    });
    const r = parseComparison(`#${wild}`, defaults, known)!;
    expect(r.slots[1].source).toBe(followRef(r.slots[0].id));
    expect(r.slots[1].settings.reverb.irId).toBe('ir-antwerp-street');
    expect(r.slots[1].settings.reverb.wet).toBe(1);
    expect(r.slots[1].settings.compressor.threshold).toBe(-60);
    expect(r.slots[1].settings.compressor.ratio).toBe(defaults.slots[1].settings.compressor.ratio);
    expect(parseComparison('', defaults, known)).toBeNull();
  });

  it('a link naming nine slots opens their first eight; one naming one slot opens it with a second', () => {
    const slots = Array.from({ length: 9 }, (_, i) => `&slot=Take ${i + 1},1,${i % 2 ? 'snare-dry' : 'ufoai-pistol'}`).join('');
    const said: string[] = [];
    const nine = parseComparison(`#v=2${slots}&ref=8`, defaults, known, (text) => said.push(text))!;
    expect(nine.slots.map((s) => s.label)).toEqual(Array.from({ length: 8 }, (_, i) => `Take ${i + 1}`));
    expect(nine.referenceId).toBe(nine.slots[0].id);
    const one = parseComparison('#v=2&slot=Mine,3,snare-dry', defaults, known, (text) => said.push(text))!;
    expect(said).toEqual([
      'The shared link names 9 slots, more than the 8 the lab holds: the first 8 are open.',
      'The shared link names 1 slot, and a comparison needs 2: a second slot playing the same source is added.',
    ]);
    expect(one.slots.map((s) => [s.label, s.source])).toEqual([
      ['Mine', 'snare-dry'],
      ['B', followRef('s1')],
    ]);
  });

  it('a link whose every slot follows another plays the default clip in its first slot', () => {
    for (const hash of ['#v=2&slot=A,1,=1&slot=B,2,=0', '#v=2&slot=A,1,=0&slot=B,2,=0', '#v=2&slot=A,1,=abc&slot=B,2,=0']) {
      const r = parseComparison(hash, defaults, known)!;
      expect(r.slots.map((s) => s.source)).toEqual(['gm-gunshot-canned', followRef(r.slots[0].id)]);
    }
  });

  it('a link that cannot be opened says which clips it names; an address that is no comparison says nothing', () => {
    const said: string[] = [];
    const say = (text: string) => said.push(text);
    expect(parseComparison('#v=2&slot=A,1,user:123&slot=B,2,=0&slot=C,3,nope', defaults, known, say)).toBeNull();
    expect(parseComparison('#clip=ir-antwerp-street', defaults, known, say)).toBeNull();
    expect(parseComparison(`#clip=${'x'.repeat(5000)}`, defaults, known, say)).toBeNull();
    expect(said).toEqual([
      'The shared link could not be opened: it names “user:123”, “nope”, which this lab does not have as a bundled clip (a link shares bundled clips only). What you had is shown instead.',
      'The shared link could not be opened: it names “ir-antwerp-street”, which this lab does not have as a bundled clip (a link shares bundled clips only). What you had is shown instead.',
      `The shared link could not be opened: it names “${'x'.repeat(39)}…”, which this lab does not have as a bundled clip (a link shares bundled clips only). What you had is shown instead.`,
    ]);
    for (const quiet of ['', '#demo', '#demo-3', '#', '#v=2']) expect(parseComparison(quiet, defaults, known, say)).toBeNull();
    expect(said).toHaveLength(3);
  });

  it('still opens a link made before slots (clip + one chain) as A and B, with numbers clamped', () => {
    const r = parseComparison('#clip=snare-dry&ir=nope&reverb=1&wet=7&comp=1&threshold=-999&ratio=abc', defaults, known)!;
    expect(r.slots.map((s) => s.source)).toEqual(['snare-dry', followRef('s1')]);
    expect(r.slots[1].settings.reverb.irId).toBe('ir-antwerp-street');
    expect(r.slots[1].settings.reverb.wet).toBe(1);
    expect(r.slots[1].settings.compressor.enabled).toBe(true);
    expect(r.slots[1].settings.compressor.threshold).toBe(-60);
    expect(r.slots[1].settings.compressor.ratio).toBe(defaults.slots[1].settings.compressor.ratio);
    expect(parseComparison('#clip=user:123&ir=ir-antwerp-street', defaults, known)).toBeNull();
    // An impulse response is not a clip (an edited link); nor is a clip a space.
    expect(parseComparison('#clip=ir-antwerp-street', defaults, known)).toBeNull();
    expect(parseComparison('#clip=snare-dry&ir=ufoai-pistol&reverb=1', defaults, known)!.slots[1].settings.reverb.irId).toBe(
      defaults.slots[1].settings.reverb.irId,
    );
  });
});
