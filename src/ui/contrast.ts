/**
 * WCAG 2.x contrast ratio of two sRGB colours, for checking the themes
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): (L1 + 0.05) / (L2 + 0.05) with
 * L the relative luminance. 4.5 is the minimum for body text (AA), 3 for large text
 * and for the parts of controls and graphics one must see.
 */
export function parseHexColor(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rgb or #rrggbb colour: ${JSON.stringify(hex)}`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(parseHexColor(a)), relativeLuminance(parseHexColor(b))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
