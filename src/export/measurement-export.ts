/**
 * Measurement exports that say where they came from: the clips, impulse responses and
 * settings behind each measured column, and when. Wraps measure.ts's CSV/JSON writers.
 */
import { measurementsToCsv, measurementsToJson, type Measured } from '../analysis/measure';
import { settingsSlug, type SlotProvenance } from './names';

export interface Provenance {
  tool: string;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  /** One entry per measured item (slot, difference or IR), keyed as in the measurements. */
  sources: Record<string, SlotProvenance & { processing: string }>;
}

export function provenanceOf(sources: Record<string, SlotProvenance>, now = new Date()): Provenance {
  const out: Provenance['sources'] = {};
  for (const [key, s] of Object.entries(sources)) out[key] = { ...s, processing: settingsSlug(s.settings) };
  return { tool: 'Canyon Lab', exportedAt: now.toISOString(), sources: out };
}

/** CSV quoting for a free-text field (a user's file name may hold commas or quotes). */
const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The CSV with `#` comment lines in front naming each column's source (R, pandas and
 * LibreOffice skip or show them as text; the table below is unchanged).
 */
export function measurementsCsvWithProvenance(items: Measured, p: Provenance): string {
  const lines = [`# ${p.tool} measurements, exported ${p.exportedAt}`];
  for (const [key, s] of Object.entries(p.sources)) {
    lines.push(`# ${key}: ${field(s.label)}, clip ${field(s.clip)}, ${s.processing}`);
  }
  return lines.join('\n') + '\n' + measurementsToCsv(items);
}

export function measurementsJsonWithProvenance(items: Measured, p: Provenance): string {
  const parsed = JSON.parse(measurementsToJson(items)) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, provenance: p }, null, 2);
}
