import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColor, relativeLuminance } from '../../src/ui/contrast';

describe('WCAG contrast ratio', () => {
  it('gives the known extremes and the published mid-grey figure', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777', '#777')).toBe(1);
    // #767676 on white is the lightest grey that passes AA (4.54:1, widely quoted).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
  });

  it('weights green most, as the luminance formula says', () => {
    expect(relativeLuminance(parseHexColor('#00ff00'))).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance(parseHexColor('#0000ff'))).toBeCloseTo(0.0722, 4);
  });

  it('refuses a colour it cannot read', () => {
    expect(() => parseHexColor('rgb(0,0,0)')).toThrow(/not a #rgb/);
  });
});
