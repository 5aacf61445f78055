/**
 * Idealised pressure waveforms of a gunshot's two acoustic events.
 *
 * Muzzle blast: the propellant gas bursting from the muzzle drives a shock wave whose
 * pressure–time history is the Friedlander waveform
 *   p(t) = P · (1 − t/T⁺) · exp(−b·t/T⁺),  t ≥ 0,
 * an instant rise to the peak overpressure P, a positive phase of duration T⁺ and a longer,
 * shallower negative phase whose depth the decay constant b sets (Friedlander 1946; the
 * standard blast-wave model, e.g. Kinney & Graham, "Explosive Shocks in Air").
 *
 * Ballistic crack: a supersonic bullet drags a conical shock whose far-field signature is
 * the N-wave (Whitham 1952): a jump to +P, a linear fall to −P over the duration T, and a jump
 * back to zero. Its duration grows with bullet size and miss distance (≈ 0.15–0.4 ms for
 * small arms at a few metres).
 */

/** Friedlander pulse sampled at `sampleRate`; `durationSec` long (covers the negative phase). */
export function friedlanderPulse(
  peak: number,
  positivePhaseSec: number,
  decayConstant: number,
  durationSec: number,
  sampleRate: number,
): Float32Array {
  const n = Math.round(durationSec * sampleRate);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const tau = i / sampleRate / positivePhaseSec;
    out[i] = peak * (1 - tau) * Math.exp(-decayConstant * tau);
  }
  return out;
}

/** N-wave: +peak falling linearly to −peak over `durationSec`, zero elsewhere. */
export function nWave(peak: number, durationSec: number, sampleRate: number): Float32Array {
  const n = Math.max(2, Math.round(durationSec * sampleRate));
  const out = new Float32Array(n + 1);
  for (let i = 0; i < n; i++) out[i] = peak * (1 - (2 * i) / (n - 1));
  return out; // the last sample stays 0: the closing shock returns to ambient pressure
}

/**
 * Arrival times at a microphone of the muzzle blast and of the bullet's shock, for a shot fired
 * from the origin along +x with the microphone `downrangeM` ahead and `offsetM` to the side.
 * The shock reaches the microphone first from the point on the trajectory where the Mach cone
 * (half-angle asin(c/v)) passes through it; `crackSec` is null when the bullet is subsonic or
 * the microphone stands behind the cone's origin (no crack reaches it).
 */
export function shotArrivals(
  downrangeM: number,
  offsetM: number,
  bulletSpeedMs: number,
  soundSpeedMs: number,
): { blastSec: number; crackSec: number | null } {
  const blastSec = Math.hypot(downrangeM, offsetM) / soundSpeedMs;
  if (bulletSpeedMs <= soundSpeedMs) return { blastSec, crackSec: null };
  const ratio = soundSpeedMs / bulletSpeedMs; // sin of the Mach angle
  const emitX = downrangeM - (offsetM * ratio) / Math.sqrt(1 - ratio * ratio);
  if (emitX <= 0) return { blastSec, crackSec: null };
  const crackSec = emitX / bulletSpeedMs + Math.hypot(downrangeM - emitX, offsetM) / soundSpeedMs;
  return { blastSec, crackSec };
}
