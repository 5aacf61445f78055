/**
 * File names that say what an export is: which clip, through which space and settings,
 * which slot or difference, in which sample format. Pure, so the rule is testable and every
 * export (audio, measurements, plots) names its files the same way.
 */
import type { ChainSettings } from '../audio/settings';
import type { WavSampleFormat } from '../codec/wav';

/** What one slot holds: its label, its source clip and the processing applied (null = none). */
export interface SlotProvenance {
  label: string;
  /** Manifest id of a bundled clip, or the user's file name. */
  clip: string;
  settings: ChainSettings | null;
}

/** Lower-case ASCII words joined by hyphens: safe on every file system. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\.[a-z0-9]{2,4}$/i, '') // a user file's own extension
      .replace(/−/g, '-')
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'untitled'
  );
}

const num = (v: number) => String(Math.round(v * 100) / 100).replace('-', 'm');

/** The processing in a few words: `ir-canyon-narrow-wet50-pre20ms_comp-t-30-r8-k6-a1ms-r150ms-mu0`. */
export function settingsSlug(s: ChainSettings | null): string {
  if (!s) return 'unprocessed';
  const parts: string[] = [];
  const r = s.reverb;
  parts.push(
    r.enabled ? `${slug(r.irId)}-wet${Math.round(r.wet * 100)}${r.preDelay > 0 ? `-pre${Math.round(r.preDelay * 1000)}ms` : ''}` : 'dry',
  );
  const c = s.compressor;
  if (c.enabled) {
    parts.push(
      `comp-t${num(c.threshold)}-r${num(c.ratio)}-k${num(c.knee)}-a${num(c.attack * 1000)}ms-r${num(c.release * 1000)}ms-mu${num(c.makeup)}`,
    );
  }
  return parts.join('_');
}

const formatSlug = (f: WavSampleFormat) => (f === 'float32' ? '32f' : f === 'pcm24' ? '24bit' : '16bit');

function describe(slot: SlotProvenance): string {
  return `${slug(slot.label)}_${slug(slot.clip)}_${settingsSlug(slot.settings)}`;
}

/** `canyon-lab_b_gunshot-dry-pistol_ir-canyon-narrow-wet50_24bit.wav` */
export function slotWavName(slot: SlotProvenance, format: WavSampleFormat): string {
  return `canyon-lab_${describe(slot)}_${formatSlug(format)}.wav`;
}

/** `canyon-lab_diff_a-minus-b_…_32f.wav`: which two slots, each with its clip and settings. */
export function differenceWavName(a: SlotProvenance, b: SlotProvenance, format: WavSampleFormat): string {
  const same = a.clip === b.clip;
  const left = same ? `${slug(a.label)}_${settingsSlug(a.settings)}` : describe(a);
  const right = same ? `${slug(b.label)}_${settingsSlug(b.settings)}` : describe(b);
  return `canyon-lab_diff_${same ? `${slug(a.clip)}_` : ''}${left}_minus_${right}_${formatSlug(format)}.wav`;
}

/** Measurement or plot exports name the clips they cover: `canyon-lab_measurements_gunshot-dry-pistol_ir-canyon-narrow.csv`. */
export function exportName(what: string, slots: readonly SlotProvenance[], extension: string): string {
  const names = new Set<string>();
  for (const s of slots) {
    names.add(slug(s.clip));
    if (s.settings?.reverb.enabled) names.add(slug(s.settings.reverb.irId));
  }
  return `canyon-lab_${slug(what)}_${[...names].join('_') || 'empty'}.${extension}`;
}
