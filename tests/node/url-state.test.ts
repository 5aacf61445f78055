import { describe, expect, it } from 'vitest';
import { encodeComparison } from '../../src/state/url-state';
import { parseComparison } from '../../src/schema/shared-comparison';
import { defaultSettings } from '../../src/audio/settings';

const defaults = { clipId: 'gm-gunshot-canned', settings: defaultSettings('ir-antwerp-street') };
const known = (id: string) => ['gm-gunshot-canned', 'snare-dry', 'ir-antwerp-street', 'ir-balloon-room'].includes(id);

describe('comparison in the URL', () => {
  it('round-trips clip, IR and every setting', () => {
    const s = defaultSettings('ir-balloon-room');
    s.reverb.wet = 0.25;
    s.compressor.enabled = true;
    s.compressor.threshold = -42;
    s.compressor.attack = 0.004;
    const hash = encodeComparison({ clipId: 'snare-dry', settings: s });
    expect(parseComparison(`#${hash}`, defaults, known)).toEqual({ clipId: 'snare-dry', settings: s });
  });

  it('rejects unknown clips, ignores unknown IRs and clamps numbers', () => {
    expect(parseComparison('#clip=user:123&ir=ir-antwerp-street', defaults, known)).toBeNull();
    const r = parseComparison('#clip=snare-dry&ir=nope&wet=7&threshold=-999&ratio=abc', defaults, known)!;
    expect(r.settings.reverb.irId).toBe('ir-antwerp-street');
    expect(r.settings.reverb.wet).toBe(1);
    expect(r.settings.compressor.threshold).toBe(-60);
    expect(r.settings.compressor.ratio).toBe(defaults.settings.compressor.ratio);
    expect(parseComparison('', defaults, known)).toBeNull();
  });
});
