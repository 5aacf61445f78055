/**
 * The spaces the bundled impulse responses are rendered from (see street-canyon.ts for the
 * model). Absorption figures are broadband, near 1 kHz, from common material tables:
 * glass and stone facades 0.05–0.15 (windows, joints, balconies lift it), asphalt ≈ 0.03–0.1,
 * grass 0.2–0.4, acoustic ceiling tile 0.5–0.7, painted plaster and tile 0.02–0.1.
 */
import type { SpaceParams } from './street-canyon';

const air = { airAttenuationDbPerKm: 5, soundSpeedMs: 343 } as const;

/**
 * Downtown canyon: 27 m wide between 160 m towers of glass and stone. Shooter on one sidewalk,
 * recordist across the street: the flutter between the facades is strongest there.
 */
export const NARROW_CANYON: SpaceParams = {
  ...air,
  widthM: 27,
  heightM: 160,
  lengthM: 200,
  facadeAbsorption: 0.1,
  groundAbsorption: 0.1,
  ceilingAbsorption: null,
  endWallAbsorption: null,
  scattering: 0.15,
  source: [0, 4, 1.5],
  listener: [5, 20, 1.7],
};

/** A wide boulevard: 60 m between six-storey (25 m) buildings, trees and parked cars scatter. */
export const BOULEVARD: SpaceParams = {
  ...air,
  widthM: 60,
  heightM: 25,
  lengthM: 300,
  facadeAbsorption: 0.15,
  groundAbsorption: 0.1,
  ceilingAbsorption: null,
  endWallAbsorption: null,
  scattering: 0.3,
  source: [0, 10, 1.5],
  listener: [20, 42, 1.7],
};

/** A small diner, 12 m × 7 m × 3.2 m: tiled floor, acoustic-tile ceiling, booths and people. */
export const DINER: SpaceParams = {
  ...air,
  widthM: 7,
  heightM: 3.2,
  lengthM: 12,
  facadeAbsorption: 0.15,
  groundAbsorption: 0.05,
  ceilingAbsorption: 0.55,
  endWallAbsorption: 0.15,
  scattering: 0.35,
  source: [3, 2, 1.2],
  listener: [8.5, 5, 1.2],
};

/** Open field: no buildings (height 0), grass underfoot; only the ground reflects. */
export const OPEN_FIELD: SpaceParams = {
  ...air,
  widthM: 27,
  heightM: 0,
  lengthM: 200,
  facadeAbsorption: 0,
  groundAbsorption: 0.3,
  ceilingAbsorption: null,
  endWallAbsorption: null,
  scattering: 0,
  source: [0, 4, 1.5],
  listener: [5, 20, 1.7],
};
