/**
 * Why a figure is missing, and when one that is shown needs a word: loudness of a clip
 * too short or too quiet for BS.1770's gates, and decay times that the decay does not
 * support (ISO 3382-1: the bottom of the evaluation range at least 10 dB above the noise,
 * so T20 needs 35 dB and T30 45 dB of decay above it; EDT 20 dB), or — for T20 and T30,
 * which assume one exponential decay — a fit that is not a straight line (ISO 18233's
 * non-linearity ξ = 1000·(1 − r²) ‰: above 10 ‰ the decay is curved — shown with that
 * word — and a correlation weaker than −0.95, ξ ≈ 100 ‰, is no exponential decay at all:
 * hidden). EDT is the early slope by definition, straight or not.
 */
import type { DecayFit } from './decay';
import type { LoudnessResult } from './loudness';

export interface Verdict {
  missing?: string;
  caveat?: string;
}

const QUIET = 'too quiet to gate (below −70 LUFS)';

const ungated = (l: LoudnessResult) => (l.blockCount === 0 ? 'too short to gate (needs 0.4 s)' : QUIET);

/** Reasons for the loudness figures that are missing, by FIGURES key: as heard (`l`), and the file's own (`file`: its integrated loudness and range). */
export function loudnessReasons(l: LoudnessResult, file: LoudnessResult = l): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Number.isFinite(l.integrated)) out.integrated_loudness = out.plr = ungated(l);
  if (!Number.isFinite(file.integrated)) out.integrated_loudness_file = ungated(file);
  if (!Number.isFinite(l.momentaryMax)) out.momentary_max = l.blockCount === 0 ? 'too short (needs 0.4 s)' : 'silent';
  if (!Number.isFinite(l.shortTermMax)) out.short_term_max = l.shortTermCount === 0 ? 'too short (needs 3 s)' : 'silent';
  if (file.range === null) out.loudness_range = file.shortTermCount === 0 ? 'too short for a range (needs 3 s)' : QUIET;
  return out;
}

/** Dynamic range each decay figure needs above the noise floor, dB, and the range it fits. */
const NEEDS = { edt: { range: 20, bottom: -10 }, t20: { range: 35, bottom: -25 }, t30: { range: 45, bottom: -35 } } as const;
const CURVED_XI = 10; // ‰
const NO_DECAY_CORRELATION = -0.95;

function verdict(fit: DecayFit, noiseFloorDb: number, need: { range: number; bottom: number }, straight = true): Verdict {
  const available = -noiseFloorDb; // dB from the decay's peak down to the noise
  if (!Number.isFinite(fit.seconds)) {
    return { missing: Number.isFinite(fit.correlation) ? 'the decay is not falling' : `the decay never falls ${-need.bottom} dB` };
  }
  if (Number.isFinite(available) && available < need.range) {
    return { missing: `needs ${need.range} dB of decay above the noise, has ${available.toFixed(0)} dB` };
  }
  if (!straight) return {};
  if (!(fit.correlation <= NO_DECAY_CORRELATION))
    return { missing: `no straight decay to fit (r = ${fit.correlation.toFixed(2).replace('-', '−')})` };
  const xi = 1000 * (1 - fit.correlation ** 2);
  return xi > CURVED_XI ? { caveat: `curved decay (non-linearity ${xi.toFixed(0)} ‰ > ${CURVED_XI} ‰): read with care` } : {};
}

/** Whether EDT, T20 and T30 stand, given the noise floor (dB re the decay's peak, as analyseDecay gives it). */
export function decayVerdicts(
  f: { edt: DecayFit; t20: DecayFit; t30: DecayFit },
  noiseFloorDb: number,
): Record<'edt' | 't20' | 't30', Verdict> {
  return {
    edt: verdict(f.edt, noiseFloorDb, NEEDS.edt, false),
    t20: verdict(f.t20, noiseFloorDb, NEEDS.t20),
    t30: verdict(f.t30, noiseFloorDb, NEEDS.t30),
  };
}
