/**
 * Every figure the lab shows for a clip, in one plain, serialisable object: the entry
 * point the UI (through a worker) and the exports use.
 */
import { peakAndRms, toDb, type Channels } from './levels';
import { LOUDNESS_STEP_SECONDS, channelEnergies, fileLoudness, loudnessOfChannels, type LoudnessResult } from './loudness';
import { truePeak } from './true-peak';
import {
  CURVE_STEP_SECONDS,
  octaveBandFigures,
  reverbFigures,
  type BandFigures,
  type DecayAnalysis,
  type ReverbFigures,
} from './reverb-metrics';
import type { DecayFit } from './decay';
import { decayVerdicts, loudnessReasons, type Verdict } from './figure-reasons';

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
  /** Of the file's own channels (a mono clip as one channel) over its own frames: what ffmpeg's ebur128 reads. */
  fileIntegratedLufs: number | null;
  /** EBU Tech 3342, of the file over its own frames (no silence after it, as fileIntegratedLufs). */
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
  /** Schroeder curve for plotting, dB from the onset, one point per `decayStepSeconds`, for the first 10 s. */
  decayStepSeconds: number;
  decayCurveDb: (number | null)[];
  /** Per octave band (only for clips up to MAX_BAND_SECONDS: impulse responses, shots). */
  bands: BandSummary[];
  /** Why a figure is missing, by FIGURES key ("too short to gate (needs 0.4 s)"). */
  missing: Record<string, string>;
  /** A word on a figure that is shown, by FIGURES key (a mono clip's loudness, a curved decay). */
  caveats: Record<string, string>;
}

export interface BandSummary {
  centre: number;
  edt: number | null;
  t20: number | null;
  t30: number | null;
  c50Db: number | null;
  c80Db: number | null;
  d50: number | null;
  /** Why T30 is missing in this band, when it is. */
  t30Missing?: string;
}

/** Octave-band analysis is for impulse-like clips; a minute of music does not need it and would cost 7 filter passes. */
export const MAX_BAND_SECONDS = 20;
/** Resolution of the plotted decay curve, and how far after the onset it is kept (what the plot shows; a film reel's whole curve is 240 000 points to clone onto the page). */
const DECAY_PLOT_STEP = 0.005;
const DECAY_PLOT_SECONDS = 10;

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

/** A decay time as shown: null (with its reason) when the decay does not support it. */
const supported = (fit: DecayFit, v: Verdict) => (v.missing ? null : finite(fit.seconds));

function band(b: BandFigures): BandSummary {
  const v = decayVerdicts(b, b.noiseFloorDb);
  return {
    centre: b.centre,
    edt: supported(b.edt, v.edt),
    t20: supported(b.t20, v.t20),
    t30: supported(b.t30, v.t30),
    c50Db: finite(b.c50),
    c80Db: finite(b.c80),
    d50: finite(b.d50),
    ...(v.t30.missing ? { t30Missing: v.t30.missing } : {}),
  };
}

export interface MeasureOptions {
  bands?: boolean;
  /**
   * Measure loudness over this many seconds, the clip followed by silence: how the lab
   * compares A with B, whose reverb tail rings on after A ends (so the Listening panel
   * and the table give one answer for a short clip).
   */
  loudnessSpanSeconds?: number;
}

export function measureClip(channels: Channels, sampleRate: number, options: MeasureOptions = {}): ClipMeasurements {
  const length = channels[0]?.length ?? 0;
  const span = Math.round((options.loudnessSpanSeconds ?? 0) * sampleRate);
  const energies = channelEnergies(channels, sampleRate, span);
  const l = loudnessOfChannels(channels.length === 1 ? [energies[0], energies[0]] : energies, sampleRate);
  const own = channels.length === 1 ? loudnessOfChannels(energies, sampleRate).integrated : l.integrated;
  const file = fileLoudness(energies, sampleRate, length);
  const levels = peakAndRms(channels);
  const tp = toDb(truePeak(channels, { samplePeak: levels.peak, blockPeaks: levels.blockPeaks }));
  const wantBands = options.bands ?? length / sampleRate <= MAX_BAND_SECONDS;
  const r = reverbFigures(channels, sampleRate);
  const bands = wantBands ? octaveBandFigures(channels, sampleRate).map(band) : [];
  return assemble({ channelCount: channels.length, length, sampleRate, l, own, file, peak: levels.peak, rms: levels.rms, tp, r, bands });
}

/** What the figures are made of, however the clip was read (whole here, block by block in measure-stream.ts). */
export interface MeasureParts {
  channelCount: number;
  length: number;
  sampleRate: number;
  /** Loudness as heard in stereo over the measuring span, and the integrated loudness of the file's own channels over it (the mono note). */
  l: LoudnessResult;
  own: number;
  /** The file's own loudness: its channels over its own frames, no silence after (fileLoudness). */
  file: LoudnessResult;
  peak: number;
  rms: number;
  /** True peak, dBTP. */
  tp: number;
  r: ReverbFigures & DecayAnalysis;
  bands: BandSummary[];
}

export function assemble(p: MeasureParts): ClipMeasurements {
  const { l, own, file, tp, r, peak, rms, sampleRate } = p;
  const plotStep = Math.max(1, Math.round(DECAY_PLOT_STEP / CURVE_STEP_SECONDS));
  const decayCurveDb: (number | null)[] = [];
  const end = Math.min(r.curveDb.length, Math.round(DECAY_PLOT_SECONDS / CURVE_STEP_SECONDS) + 1);
  for (let i = 0; i < end; i += plotStep) decayCurveDb.push(finite(r.curveDb[i]));
  const decay = decayVerdicts(r, r.noiseFloorDb);
  const missing: Record<string, string> = loudnessReasons(l, file);
  const caveats: Record<string, string> = {};
  for (const [key, v] of Object.entries(decay)) {
    if (v.missing) missing[key] = v.missing;
    if (v.caveat) caveats[key] = v.caveat;
  }
  if (p.channelCount === 1 && Number.isFinite(l.integrated)) {
    const note = `a mono clip, measured as heard on two speakers: ${(l.integrated - own).toFixed(1)} LU above the file's own reading`;
    for (const key of ['integrated_loudness', 'momentary_max', 'short_term_max']) caveats[key] = note;
  }
  if (!Number.isFinite(tp)) missing.true_peak = missing.sample_peak = missing.crest_factor = 'silent';
  if (!Number.isFinite(r.drr)) missing.drr = r.drr === Infinity ? 'no reverberant energy after the direct sound' : 'silent';
  return {
    duration: p.length / sampleRate,
    channels: p.channelCount,
    sampleRate,
    samplePeakDbfs: toDb(peak),
    truePeakDbtp: tp,
    rmsDbfs: toDb(rms),
    crestFactorDb: rms > 0 ? toDb(peak / rms) : 0,
    integratedLufs: finite(l.integrated),
    fileIntegratedLufs: finite(file.integrated),
    loudnessRangeLu: file.range,
    momentaryMaxLufs: finite(l.momentaryMax),
    shortTermMaxLufs: finite(l.shortTermMax),
    plrDb: Number.isFinite(l.integrated) ? tp - l.integrated : null,
    loudnessStepSeconds: LOUDNESS_STEP_SECONDS,
    momentaryLufs: Array.from(l.momentary, finite),
    shortTermLufs: Array.from(l.shortTerm, finite),
    onsetSeconds: r.onset / sampleRate,
    noiseFloorDb: finite(r.noiseFloorDb),
    edt: { ...summary(r.edt), seconds: supported(r.edt, decay.edt) },
    t20: { ...summary(r.t20), seconds: supported(r.t20, decay.t20) },
    t30: { ...summary(r.t30), seconds: supported(r.t30, decay.t30) },
    c50Db: finite(r.c50),
    c80Db: finite(r.c80),
    d50: finite(r.d50),
    drrDb: finite(r.drr),
    decayStepSeconds: plotStep * CURVE_STEP_SECONDS,
    decayCurveDb,
    bands: p.bands,
    missing,
    caveats,
  };
}

/** The scalar figures of a clip, in the order the panel and the exports list them. */
export const FIGURES: { key: string; label: string; unit: string; get: (m: ClipMeasurements) => number | null }[] = [
  { key: 'sample_peak', label: 'Sample peak', unit: 'dBFS', get: (m) => finite(m.samplePeakDbfs) },
  { key: 'true_peak', label: 'True peak', unit: 'dBTP', get: (m) => finite(m.truePeakDbtp) },
  { key: 'rms', label: 'RMS', unit: 'dBFS', get: (m) => finite(m.rmsDbfs) },
  { key: 'crest_factor', label: 'Crest factor', unit: 'dB', get: (m) => finite(m.crestFactorDb) },
  { key: 'integrated_loudness', label: 'Integrated loudness', unit: 'LUFS', get: (m) => m.integratedLufs },
  { key: 'integrated_loudness_file', label: "Integrated, file's own channels", unit: 'LUFS', get: (m) => m.fileIntegratedLufs },
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
