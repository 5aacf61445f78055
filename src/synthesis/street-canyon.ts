/**
 * Impulse responses of a street canyon (and, with the same code, of a small room and of an
 * open field) from an image-source model plus a diffuse late tail.
 *
 * Geometry (metres): x runs along the street, y across it, z up. Two parallel facades stand at
 * y = 0 and y = width, `heightM` tall; the street surface (ground) is z = 0. The top is open sky
 * unless `ceilingAbsorption` is set (a room); the street's ends are open (cross streets) unless
 * `endWallAbsorption` is set. `lengthM` is the block length: it bounds the volume for the diffuse
 * estimate and, with end walls, places them.
 *
 * Early part — image sources (Allen & Berkley 1979): mirroring the source in every reflecting
 * plane gives one image per specular path; the image at distance r arrives after r/c with
 * amplitude 1/r (spherical spreading) times √((1 − α)(1 − s)) per reflection (α absorption,
 * s the scattering coefficient: the share of reflected energy that leaves the specular path)
 * and the air's attenuation (dB/km). Between the two facades the images repeat every 2·width:
 * the flutter echo, period 2·width/c.
 * The finite building height limits which images exist: with an open top, a facade reflection
 * is real only where the path meets the facade below its top edge. With source and listener
 * in the street every specular path stays below their heights, so all facade images exist; a
 * source or listener above the roofs (a rooftop, a balcony over a low building) loses the
 * facade images whose reflection points would lie in the sky, and height 0 (open field) leaves
 * only the ground.
 *
 * Late part — diffuse field: the scattered energy builds a reverberant field that fills the
 * volume V = length·width·height and decays as Eyring predicts, with open sky and open ends
 * counted as perfect absorbers (α = 1):
 *   RT60 = 24·ln10·V / (c·(−S·ln(1 − ᾱ) + 4·m·V)),  ᾱ = Σ Sᵢαᵢ / S,  m = air attenuation (1/m, energy).
 * Its energy envelope, in the same units as the direct sound (1/r² at distance r), is that of
 * an impulse of energy 4π spread through V (the classic diffuse-field density), growing as the
 * specular energy is scattered — 1 − (1 − s)^N after N = c·t/l̄ reflections, l̄ = 4V/S the mean
 * free path:
 *   h²(t) = (4π·c / V) · exp(−ln(10⁶)·t / RT60) · (1 − (1 − s)^N(t)).
 * It is rendered as Gaussian noise under that envelope, mildly low-passed (facades and air
 * absorb highs more). Air absorption is broadband at the reference frequency (about 1 kHz):
 * one figure, so the broadband decay time stays the model's RT60. With height 0 there is no
 * volume and no diffuse field, and the model predicts no reverberation time.
 */
import { filter } from '../analysis/biquad';
import { createPrng, whiteNoise } from './prng';
import { addImpulse, fadeOut, normalizePeak } from './signal';

export type Point = readonly [x: number, y: number, z: number];

export interface SpaceParams {
  widthM: number;
  /** Facade (building) height; the room height when there is a ceiling. 0 = no facades. */
  heightM: number;
  lengthM: number;
  facadeAbsorption: number;
  groundAbsorption: number;
  /** null = open sky. */
  ceilingAbsorption: number | null;
  /** null = open ends (the street continues). */
  endWallAbsorption: number | null;
  /** Share of reflected energy scattered out of the specular path at each reflection. */
  scattering: number;
  /** Air attenuation at the reference frequency, dB/km (ISO 9613-1: ≈ 5 dB/km at 1 kHz, 20 °C, 50 % RH). */
  airAttenuationDbPerKm: number;
  soundSpeedMs: number;
  source: Point;
  listener: Point;
}

export interface RenderParams {
  sampleRate: number;
  durationSec: number;
  /** Output peak, dBFS. */
  peakDb: number;
  /** Low-pass on the diffuse tail's noise, Hz. */
  tailLowpassHz: number;
  /** Fade at the end so the file stops without a click, seconds. */
  fadeOutSec: number;
  /**
   * Image sources are traced up to this time (s; default: the whole response). In a small room
   * the images multiply with the cube of time while scattering drains each one, so after a
   * couple of hundred milliseconds the diffuse tail carries all the energy that matters.
   */
  imageWindowSec?: number;
}

export interface ImageSource {
  distanceM: number;
  amplitude: number;
  facadeReflections: number;
}

export interface DiffuseModel {
  volumeM3: number;
  surfaceM2: number;
  meanAbsorption: number;
  meanFreePathM: number;
  rt60Sec: number;
}

interface AxisImage {
  coord: number;
  reflectionsLow: number;
  reflectionsHigh: number;
}

/** Images along one axis between walls at 0 and `size` (either may be absent), within ±reach of 0. */
function axisImages(s: number, size: number, low: boolean, high: boolean, reach: number): AxisImage[] {
  if (!low && !high) return [{ coord: s, reflectionsLow: 0, reflectionsHigh: 0 }];
  if (low && !high)
    return [
      { coord: s, reflectionsLow: 0, reflectionsHigh: 0 },
      { coord: -s, reflectionsLow: 1, reflectionsHigh: 0 },
    ];
  const images: AxisImage[] = [];
  const nMax = Math.ceil(reach / (2 * size)) + 1;
  for (let n = -nMax; n <= nMax; n++) {
    for (const p of [0, 1]) {
      // Allen & Berkley: image (1 − 2p)·s + 2n·L has |n − p| reflections at 0 and |n| at L.
      images.push({ coord: (1 - 2 * p) * s + 2 * n * size, reflectionsLow: Math.abs(n - p), reflectionsHigh: Math.abs(n) });
    }
  }
  return images;
}

const energyPerDb = 10 * Math.log10(Math.E);

/** Pressure reflection factor of one bounce: √((1 − α)(1 − s)). */
function reflectionFactor(absorption: number, scattering: number): number {
  return Math.sqrt((1 - absorption) * (1 - scattering));
}

/**
 * With an open top, a path that reaches an image through facade reflections is real only if it
 * meets each facade plane (y = k·width) below the building height. The unfolded path is a
 * straight line from listener to image; its height there is |z| (a ground bounce folds z).
 */
function facadeHitsBelowRoof(listener: Point, image: Point, width: number, height: number): boolean {
  const [, yl, zl] = listener;
  const [, yi, zi] = image;
  const lo = Math.min(yl, yi);
  const hi = Math.max(yl, yi);
  for (let k = Math.ceil(lo / width); k * width <= hi; k++) {
    const y = k * width;
    if (y <= lo || y >= hi) continue;
    const f = (y - yl) / (yi - yl);
    if (Math.abs(zl + f * (zi - zl)) > height) return false;
  }
  return true;
}

/** Every specular path that arrives within `maxDistanceM`, strongest first not guaranteed. */
export function imageSources(space: SpaceParams, maxDistanceM: number): ImageSource[] {
  const [xs, ys, zs] = space.source;
  const [xl, yl, zl] = space.listener;
  const hasFacades = space.heightM > 0;
  const xImages = axisImages(
    xs,
    space.lengthM,
    space.endWallAbsorption !== null,
    space.endWallAbsorption !== null,
    maxDistanceM + Math.abs(xl),
  );
  const yImages = hasFacades
    ? axisImages(ys, space.widthM, true, true, maxDistanceM + Math.abs(yl))
    : axisImages(ys, space.widthM, false, false, 0);
  const zImages = axisImages(zs, space.heightM, true, space.ceilingAbsorption !== null, maxDistanceM + Math.abs(zl));
  const rFacade = reflectionFactor(space.facadeAbsorption, space.scattering);
  const rGround = reflectionFactor(space.groundAbsorption, space.scattering);
  const rCeiling = reflectionFactor(space.ceilingAbsorption ?? 1, space.scattering);
  const rEnd = reflectionFactor(space.endWallAbsorption ?? 1, space.scattering);
  const airPerM = space.airAttenuationDbPerKm / 1000;
  const openTop = space.ceilingAbsorption === null;
  const out: ImageSource[] = [];
  for (const xi of xImages) {
    for (const yi of yImages) {
      for (const zi of zImages) {
        const r = Math.hypot(xi.coord - xl, yi.coord - yl, zi.coord - zl);
        if (r > maxDistanceM) continue;
        const facadeReflections = yi.reflectionsLow + yi.reflectionsHigh;
        if (
          openTop &&
          facadeReflections > 0 &&
          !facadeHitsBelowRoof(space.listener, [xi.coord, yi.coord, zi.coord], space.widthM, space.heightM)
        )
          continue;
        const amplitude =
          (rFacade ** facadeReflections *
            rGround ** zi.reflectionsLow *
            rCeiling ** zi.reflectionsHigh *
            rEnd ** (xi.reflectionsLow + xi.reflectionsHigh) *
            10 ** (-(airPerM * r) / 20)) /
          Math.max(r, 0.1);
        out.push({ distanceM: r, amplitude, facadeReflections });
      }
    }
  }
  return out;
}

/** Eyring's reverberation time of the space's diffuse field, or null when there is no volume. */
export function diffuseModel(space: SpaceParams): DiffuseModel | null {
  const { widthM: w, heightM: h, lengthM: l } = space;
  if (h <= 0) return null;
  const surfaces: Array<[area: number, absorption: number]> = [
    [2 * l * h, space.facadeAbsorption],
    [l * w, space.groundAbsorption],
    [l * w, space.ceilingAbsorption ?? 1],
    [2 * w * h, space.endWallAbsorption ?? 1],
  ];
  const volumeM3 = l * w * h;
  const surfaceM2 = surfaces.reduce((a, [s]) => a + s, 0);
  const meanAbsorption = surfaces.reduce((a, [s, al]) => a + s * al, 0) / surfaceM2;
  const airEnergyPerM = space.airAttenuationDbPerKm / 1000 / energyPerDb;
  const rt60Sec =
    (24 * Math.LN10 * volumeM3) / (space.soundSpeedMs * (-surfaceM2 * Math.log(1 - meanAbsorption) + 4 * airEnergyPerM * volumeM3));
  return { volumeM3, surfaceM2, meanAbsorption, meanFreePathM: (4 * volumeM3) / surfaceM2, rt60Sec };
}

/** Direct source–listener distance, metres. */
export function directDistance(space: SpaceParams): number {
  const [xs, ys, zs] = space.source;
  const [xl, yl, zl] = space.listener;
  return Math.hypot(xs - xl, ys - yl, zs - zl);
}

/**
 * The impulse response (mono), time 0 = emission. The model's target decay time is
 * `diffuseModel(space)?.rt60Sec`.
 */
export function streetCanyonIr(space: SpaceParams, render: RenderParams, seed: number): Float32Array {
  const sr = render.sampleRate;
  const c = space.soundSpeedMs;
  const n = Math.round(render.durationSec * sr);
  const ir = new Float64Array(n);
  for (const img of imageSources(space, (render.imageWindowSec ?? render.durationSec) * c))
    addImpulse(ir, (img.distanceM / c) * sr, img.amplitude);

  const diffuse = diffuseModel(space);
  if (diffuse) {
    const tail = filter(whiteNoise(createPrng(seed), n), 'lowpass', render.tailLowpassHz, sr);
    let sumSq = 0;
    for (let i = 0; i < n; i++) sumSq += tail[i] * tail[i];
    const unit = 1 / Math.sqrt(sumSq / n); // stationary noise scaled to unit power
    const directSec = directDistance(space) / c;
    const level = (4 * Math.PI * c) / diffuse.volumeM3 / sr; // energy per sample
    const decayPerSec = Math.log(1e6) / diffuse.rt60Sec;
    for (let i = 0; i < n; i++) {
      const t = i / sr;
      const reflections = Math.max(0, ((t - directSec) * c) / diffuse.meanFreePathM);
      const build = 1 - (1 - space.scattering) ** reflections;
      ir[i] += tail[i] * unit * Math.sqrt(level * Math.exp(-decayPerSec * t) * build);
    }
  }
  return normalizePeak(fadeOut(Float32Array.from(ir), Math.round(render.fadeOutSec * sr)), render.peakDb);
}
