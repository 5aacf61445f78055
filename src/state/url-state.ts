/**
 * A comparison that uses only bundled samples fits in the URL (after #), so it can be
 * shared: every slot with its source, processing, trim and offset. Pure functions.
 * Reading one back is the schema's job (src/schema/shared-comparison.ts), loaded with the
 * rest of the schema after the page is up.
 *
 * Format 2: `v=2&slot=…&slot=…&ref=0&heard=1&diff=0,1` (indices into the slots); each
 * slot is `label,colour,source,trim,offset,reverb,ir,wet,pre,comp,threshold,ratio,attack,release,knee,makeup`,
 * where a source `=N` plays the same source as slot N. Format 1 (`clip=…&ir=…&wet=…`,
 * links made before slots) is still read.
 */
import { COMPRESSOR_KEYS } from '../audio/settings';
import { DIFFERENCE, followedSlot, type ComparisonSetup } from '../comparison/setup';

const num = (v: number) => String(Math.round(v * 10000) / 10000);

export function encodeComparison(c: ComparisonSetup): string {
  const p = new URLSearchParams();
  p.set('v', '2');
  const index = (id: string) => c.slots.findIndex((s) => s.id === id);
  for (const s of c.slots) {
    const target = followedSlot(s.source);
    const { reverb: r, compressor: k } = s.settings;
    const fields = [
      s.label.replaceAll(',', ' '),
      s.colour,
      target ? `=${index(target)}` : s.source,
      num(s.trimDb),
      num(s.offset),
      r.enabled ? 1 : 0,
      r.irId,
      num(r.wet),
      num(r.preDelay),
      k.enabled ? 1 : 0,
      ...COMPRESSOR_KEYS.map((key) => num(k[key])),
    ];
    p.append('slot', fields.join(','));
  }
  p.set('ref', String(index(c.referenceId)));
  p.set('heard', c.heard === DIFFERENCE ? 'd' : String(index(c.heard)));
  p.set('diff', c.difference.map(index).join(','));
  return p.toString();
}

/** The sample ids a shared address names, unchecked: enough to start fetching them early. */
export function idsInAddress(hash: string): string[] {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const fromSlots = p.getAll('slot').flatMap((s) => {
    const f = s.split(',');
    return [f[2], f[5] === '1' ? f[6] : ''];
  });
  return [...fromSlots, p.get('clip') ?? '', p.get('ir') ?? ''].filter((id) => id && !id.startsWith('='));
}
