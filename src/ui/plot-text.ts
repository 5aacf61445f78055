/**
 * The plots' text alternatives: a short summary with the key values (each plot's accessible
 * description) and its plotted values as a table ("Show as table", PlotTable.svelte). Curves
 * of thousands of points are read at round steps, at most MAX_ROWS rows: a table a listener
 * can go through row by row.
 */
import type { ClipMeasurements, Measured } from '../analysis/measure';
import type { LevelHistogram } from '../analysis/level-histogram';
import type { OctaveDecay } from '../analysis/octave-decay';
import type { ReflectionsResult } from '../analysis/visual-jobs';

export interface PlotTableData {
  caption: string;
  /** Column headings; the first heads the row headings. */
  columns: string[];
  rows: { head: string; cells: string[] }[];
}

export interface PlotText {
  summary: string;
  table: PlotTableData | null;
}

export const MAX_ROWS = 30;
const NICE = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/** The smallest round step that covers 0…span in at most MAX_ROWS rows. */
export function roundStep(span: number): number {
  return NICE.find((s) => span / s < MAX_ROWS) ?? Math.ceil(span / MAX_ROWS);
}

const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits).replace('-', '−');
const decimals = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** A curve sampled every `step` seconds from `start`, read at time t (null outside it). */
interface Curve {
  start?: number;
  step: number;
  values: ArrayLike<number | null>;
}
const at = (c: Curve, t: number): number | null => {
  const i = Math.round((t - (c.start ?? 0)) / c.step);
  const v = i >= 0 && i < c.values.length ? c.values[i] : null;
  return v === null || !Number.isFinite(v) ? null : v;
};

/** Curves read at round steps over 0…span, one column each. */
export function sampledTable(caption: string, xHead: string, span: number, curves: { name: string; curve: Curve }[]): PlotTableData {
  const step = roundStep(span);
  const rows: PlotTableData['rows'] = [];
  for (let k = 0; k * step <= span + 1e-9; k++) {
    const t = k * step;
    rows.push({ head: t.toFixed(decimals(step)), cells: curves.map(({ curve }) => num(at(curve, t))) });
  }
  return { caption, columns: [xHead, ...curves.map((c) => c.name)], rows };
}

const measuredOf = (results: Measured, names: readonly string[]) =>
  names.flatMap((name) => (results[name] ? [{ name, m: results[name] }] : []));

function t30Words(name: string, m: ClipMeasurements): string {
  const fit = m.t30;
  if (m.t30.seconds === null) return `${name}: no T30 (${m.missing.t30 ?? 'no straight decay to fit'})`;
  const range = fit.fitStart !== null && fit.fitEnd !== null ? `, fitted ${num(fit.fitStart, 2)}–${num(fit.fitEnd, 2)} s` : '';
  return `${name}: T30 ${num(fit.seconds, 2)} s (fit r ${num(fit.correlation, 3)}${range})`;
}

/** The decay (Schroeder) plot of several items. */
export function decayText(results: Measured, names: readonly string[]): PlotText {
  const list = measuredOf(results, names);
  if (!list.length) return { summary: 'Energy decay: not measured yet.', table: null };
  const span = Math.min(10, Math.max(...list.map(({ m }) => m.decayCurveDb.length * m.decayStepSeconds)));
  return {
    summary: `Energy decay after the onset. ${list.map(({ name, m }) => t30Words(name, m)).join('; ')}.`,
    table: sampledTable(
      'Energy decay, dB, by time after the onset',
      'Time (s)',
      span,
      list.map(({ name, m }) => ({ name, curve: { step: m.decayStepSeconds, values: m.decayCurveDb } })),
    ),
  };
}

/** The loudness-over-time plot: momentary and short-term of each item; `offsets` place them on the timeline. */
export function loudnessText(results: Measured, items: readonly { name: string; offset?: number }[]): PlotText {
  const list = items.flatMap(({ name, offset = 0 }) => (results[name] ? [{ name, offset, m: results[name] }] : []));
  if (!list.length) return { summary: 'Loudness over time: not measured yet.', table: null };
  const words = list.map(({ name, m }) => {
    const peakAt = m.momentaryLufs.reduce<number>((best, v, i) => (v !== null && v > (m.momentaryLufs[best] ?? -Infinity) ? i : best), 0);
    const when = m.momentaryMaxLufs === null ? '' : ` at ${num(peakAt * m.loudnessStepSeconds + 0.4, 1)} s`;
    return `${name}: momentary max ${num(m.momentaryMaxLufs)} LUFS${when}, short-term max ${num(m.shortTermMaxLufs)} LUFS`;
  });
  const span = Math.max(...list.map(({ offset, m }) => offset + m.duration));
  return {
    summary: `Loudness over time. ${words.join('; ')}.`,
    table: sampledTable(
      'Loudness, LUFS, by time',
      'Time (s)',
      span,
      list.flatMap(({ name, offset, m }) => [
        { name: `${name} momentary`, curve: { start: offset + 0.4, step: m.loudnessStepSeconds, values: m.momentaryLufs } },
        { name: `${name} short-term`, curve: { start: offset + 3, step: m.loudnessStepSeconds, values: m.shortTermLufs } },
      ]),
    ),
  };
}

export const bandName = (hz: number) => (hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`);

/** The decay per octave band of one item. */
export function octaveText(label: string, bands: readonly OctaveDecay[]): PlotText {
  const t30 = bands.map((b) => `${bandName(b.centre)} ${Number.isFinite(b.t30.seconds) ? `${num(b.t30.seconds, 2)} s` : '—'}`);
  const span = Math.min(10, Math.max(0.3, ...bands.map((b) => (Number.isFinite(b.t30.seconds) ? b.t30.seconds * 1.1 : 0))));
  return {
    summary: `Decay per octave band of ${label}, T30: ${t30.join(', ')}.`,
    table: sampledTable(
      `Energy decay of ${label} per octave band, dB, by time after the onset`,
      'Time (s)',
      span,
      bands.map((b) => ({ name: bandName(b.centre), curve: { step: b.stepSec, values: b.curveDb } })),
    ),
  };
}

/** The reflections (energy-time curve) of one item: its strongest reflections and any flutter echo. */
export function reflectionsText(label: string, r: ReflectionsResult): PlotText {
  const ms = (s: number) => `${num(s * 1000, 1)} ms`;
  const strongest = [...r.reflections].sort((a, b) => b.levelDb - a.levelDb).slice(0, 3);
  const flutter = r.flutter ? ` Flutter echo every ${ms(r.flutter.periodSec)} (surfaces ${num(r.flutter.spacingM, 1)} m apart).` : '';
  return {
    summary:
      (strongest.length
        ? `Strongest reflections of ${label} after the direct sound: ${strongest.map((x) => `${ms(x.delaySec)} at ${num(x.levelDb)} dB`).join(', ')}.`
        : `No distinct reflection in ${label}.`) + flutter,
    table: {
      caption: `Reflections of ${label}, by arrival after the direct sound`,
      columns: ['Reflection', 'After the direct sound (ms)', 'Level (dB re direct)', 'Extra path (m)'],
      rows: r.reflections.map((x, i) => ({ head: String(i + 1), cells: [num(x.delaySec * 1000), num(x.levelDb), num(x.extraPathM)] })),
    },
  };
}

/** Percent of an item's 10 ms windows whose peak lies in [from, from + width) dBFS. */
function share(h: LevelHistogram, from: number, width: number): number {
  let n = 0;
  h.counts.forEach((c, b) => {
    const level = h.fromDb + (b + 0.5) * h.binDb;
    if (level >= from && level < from + width) n += c;
  });
  return h.total ? (100 * n) / h.total : 0;
}

/** The level (dBFS) at which most of an item's 10 ms windows peak. */
const commonest = (h: LevelHistogram) => h.fromDb + (h.counts.indexOf(Math.max(...h.counts)) + 0.5) * h.binDb;

/** The compressor curve (input → output, dBFS) and the items' level distributions under it. */
export function compressorText(
  words: string,
  curve: readonly { inputDb: number; outputDb: number }[],
  items: readonly { label: string; histogram: LevelHistogram | null }[],
): PlotText {
  const out = (inputDb: number) => curve.reduce((a, b) => (Math.abs(b.inputDb - inputDb) < Math.abs(a.inputDb - inputDb) ? b : a)).outputDb;
  const known = items.filter((i): i is { label: string; histogram: LevelHistogram } => Boolean(i.histogram?.total));
  const levels = known.map((i) => `${i.label} ${num(commonest(i.histogram), 0)} dBFS`);
  const STEP = 6;
  const rows: PlotTableData['rows'] = [];
  for (let input = 0; input >= -90; input -= STEP)
    rows.push({ head: num(input, 0), cells: [num(out(input)), ...known.map((i) => num(share(i.histogram, input - STEP, STEP), 0))] });
  return {
    summary:
      `Compressor curve, ${words}: −30 dBFS in gives ${num(out(-30))} dBFS out, 0 dBFS gives ${num(out(0))} dBFS.` +
      (levels.length ? ` Most common 10 ms peak level: ${levels.join(', ')}.` : ''),
    table: {
      caption: `Compressor output by input level, and how often each clip's 10 ms peaks fall in the ${STEP} dB below it`,
      columns: ['Input (dBFS)', 'Output (dBFS)', ...known.map((i) => `${i.label} (% of time)`)],
      rows,
    },
  };
}
