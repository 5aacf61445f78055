/**
 * Every figure the lab shows for a clip, in one plain, serialisable object: the entry
 * point the UI (through a worker) and the exports use.
 */
import { peakAndRms, toDb, type Channels } from './levels';
import { LOUDNESS_STEP_SECONDS, asHeardInStereo, loudness } from './loudness';
import { truePeak } from './true-peak';
import { CURVE_STEP_SECONDS, octaveBandFigures, reverbFigures, type BandFigures } from './reverb-metrics';
import type { DecayFit } from './decay';

export interface DecaySummary {
  seconds: number | null;
  fitStart: number | null;
  fitEnd: number | null;
  correlation: number | null;
  /** The fitted line, dB = intercept + slope · t (t from the onset). */
  slopeDbPerSecond: number | null;
  interceptDb: number | null;
}

export interface ClipMeasurements {
  duration: number;
  channels: number;
  sampleRate: number;
  samplePeakDbfs: number;
  truePeakDbtp: number;
  rmsDbfs: number;
  crestFactorDb: number;
  /** As heard on a stereo output (a mono clip plays in both speakers). */
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  momentaryMaxLufs: number | null;
  shortTermMaxLufs: number | null;
  /** Peak-to-loudness ratio: true peak − integrated loudness. */
  plrDb: number | null;
  /** Loudness over time, one value per step (LUFS; null where silent). */
  loudnessStepSeconds: number;
  momentaryLufs: (number | null)[];
  shortTermLufs: (number | null)[];
  /** Decay of the clip treated as an impulse response (its own ring-out). */
  onsetSeconds: number;
  noiseFloorDb: number | null;
  edt: DecaySummary;
  t20: DecaySummary;
  t30: DecaySummary;
  c50Db: number | null;
  c80Db: number | null;
  d50: number | null;
  drrDb: number | null;
  /** Schroeder curve for plotting, dB from the onset, one point per `decayStepSeconds`. */
  decayStepSeconds: number;
  decayCurveDb: (number | null)[];
  /** Per octave band (only for clips up to MAX_BAND_SECONDS: impulse responses, shots). */
  bands: BandSummary[];
}

export interface BandSummary {
  centre: number;
  edt: number | null;
  t20: number | null;
  t30: number | null;
  c50Db: number | null;
  c80Db: number | null;
  d50: number | null;
}

/** Octave-band analysis is for impulse-like clips; a minute of music does not need it and would cost 7 filter passes. */
export const MAX_BAND_SECONDS = 20;
/** Resolution of the plotted decay curve. */
const DECAY_PLOT_STEP = 0.005;

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function summary(fit: DecayFit): DecaySummary {
  return {
    seconds: finite(fit.seconds),
    fitStart: finite(fit.fitStart),
    fitEnd: finite(fit.fitEnd),
    correlation: finite(fit.correlation),
    slopeDbPerSecond: finite(fit.slopeDbPerSecond),
    interceptDb: finite(fit.interceptDb),
  };
}

function band(b: BandFigures): BandSummary {
  return {
    centre: b.centre,
    edt: finite(b.edt.seconds),
    t20: finite(b.t20.seconds),
    t30: finite(b.t30.seconds),
    c50Db: finite(b.c50),
    c80Db: finite(b.c80),
    d50: finite(b.d50),
  };
}

export function measureClip(channels: Channels, sampleRate: number, options: { bands?: boolean } = {}): ClipMeasurements {
  const duration = (channels[0]?.length ?? 0) / sampleRate;
  const heard = asHeardInStereo(channels);
  const l = loudness(heard, sampleRate);
  const levels = peakAndRms(channels);
  const tp = toDb(truePeak(channels, { samplePeak: levels.peak, blockPeaks: levels.blockPeaks }));
  const r = reverbFigures(channels, sampleRate);
  const plotStep = Math.max(1, Math.round(DECAY_PLOT_STEP / CURVE_STEP_SECONDS));
  const decayCurveDb: (number | null)[] = [];
  for (let i = 0; i < r.curveDb.length; i += plotStep) decayCurveDb.push(finite(r.curveDb[i]));
  const wantBands = options.bands ?? duration <= MAX_BAND_SECONDS;
  return {
    duration,
    channels: channels.length,
    sampleRate,
    samplePeakDbfs: toDb(levels.peak),
    truePeakDbtp: tp,
    rmsDbfs: toDb(levels.rms),
    crestFactorDb: levels.rms > 0 ? toDb(levels.peak / levels.rms) : 0,
    integratedLufs: finite(l.integrated),
    loudnessRangeLu: l.range,
    momentaryMaxLufs: finite(l.momentaryMax),
    shortTermMaxLufs: finite(l.shortTermMax),
    plrDb: Number.isFinite(l.integrated) ? tp - l.integrated : null,
    loudnessStepSeconds: LOUDNESS_STEP_SECONDS,
    momentaryLufs: Array.from(l.momentary, finite),
    shortTermLufs: Array.from(l.shortTerm, finite),
    onsetSeconds: r.onset / sampleRate,
    noiseFloorDb: finite(r.noiseFloorDb),
    edt: summary(r.edt),
    t20: summary(r.t20),
    t30: summary(r.t30),
    c50Db: finite(r.c50),
    c80Db: finite(r.c80),
    d50: finite(r.d50),
    drrDb: finite(r.drr),
    decayStepSeconds: plotStep * CURVE_STEP_SECONDS,
    decayCurveDb,
    bands: wantBands ? octaveBandFigures(channels, sampleRate).map(band) : [],
  };
}

/** The scalar figures of a clip, in the order the panel and the exports list them. */
export const FIGURES: { key: string; label: string; unit: string; get: (m: ClipMeasurements) => number | null }[] = [
  { key: 'sample_peak', label: 'Sample peak', unit: 'dBFS', get: (m) => finite(m.samplePeakDbfs) },
  { key: 'true_peak', label: 'True peak', unit: 'dBTP', get: (m) => finite(m.truePeakDbtp) },
  { key: 'rms', label: 'RMS', unit: 'dBFS', get: (m) => finite(m.rmsDbfs) },
  { key: 'crest_factor', label: 'Crest factor', unit: 'dB', get: (m) => finite(m.crestFactorDb) },
  { key: 'integrated_loudness', label: 'Integrated loudness', unit: 'LUFS', get: (m) => m.integratedLufs },
  { key: 'momentary_max', label: 'Momentary max', unit: 'LUFS', get: (m) => m.momentaryMaxLufs },
  { key: 'short_term_max', label: 'Short-term max', unit: 'LUFS', get: (m) => m.shortTermMaxLufs },
  { key: 'loudness_range', label: 'Loudness range', unit: 'LU', get: (m) => m.loudnessRangeLu },
  { key: 'plr', label: 'Peak-to-loudness ratio', unit: 'dB', get: (m) => m.plrDb },
  { key: 'edt', label: 'EDT', unit: 's', get: (m) => m.edt.seconds },
  { key: 't20', label: 'T20', unit: 's', get: (m) => m.t20.seconds },
  { key: 't30', label: 'T30', unit: 's', get: (m) => m.t30.seconds },
  { key: 't30_correlation', label: 'T30 fit correlation', unit: '', get: (m) => m.t30.correlation },
  { key: 'c50', label: 'C50', unit: 'dB', get: (m) => m.c50Db },
  { key: 'c80', label: 'C80', unit: 'dB', get: (m) => m.c80Db },
  { key: 'd50', label: 'D50', unit: '%', get: (m) => (m.d50 === null ? null : m.d50 * 100) },
  { key: 'drr', label: 'Direct-to-reverberant', unit: 'dB', get: (m) => m.drrDb },
];

export type Measured = Record<string, ClipMeasurements | null>;

/** CSV: one row per figure, one column per measured item (A, B, IR …) and B − A when both exist. */
export function measurementsToCsv(items: Measured): string {
  const names = Object.keys(items);
  const withDiff = 'A' in items && 'B' in items;
  const header = ['figure', 'unit', ...names, ...(withDiff ? ['B-A'] : [])];
  const rows = [header.join(',')];
  const fmt = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 1000));
  for (const f of FIGURES) {
    const values = names.map((n) => (items[n] ? f.get(items[n]) : null));
    const a = items.A ? f.get(items.A) : null;
    const b = items.B ? f.get(items.B) : null;
    rows.push([f.key, f.unit, ...values.map(fmt), ...(withDiff ? [fmt(a !== null && b !== null ? b - a : null)] : [])].join(','));
  }
  for (const n of names) {
    for (const band of items[n]?.bands ?? []) {
      rows.push(
        [`t30_${band.centre}hz_${n}`, 's', ...names.map((m) => (m === n ? fmt(band.t30) : '')), ...(withDiff ? [''] : [])].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

export function measurementsToJson(items: Measured): string {
  return JSON.stringify({ tool: 'Canyon Lab measurements', items }, null, 2);
}
