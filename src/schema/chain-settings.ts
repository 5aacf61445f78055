/**
 * The processing chain's settings as a schema: the one definition that scenes, the URL
 * and IndexedDB are all parsed with (through conform()). Ranges come from
 * src/audio/settings.ts, so the sliders, the engine and every parser agree.
 */
import * as v from 'valibot';
import { COMPRESSOR_RANGES, PRE_DELAY_RANGE, WET_RANGE } from '../audio/settings';
import { flag, rangedNumber, text } from './fields';

export const ReverbSchema = v.strictObject({
  enabled: flag(),
  irId: text('a sample id'),
  wet: rangedNumber(WET_RANGE),
  preDelay: rangedNumber(PRE_DELAY_RANGE),
});

export const CompressorSchema = v.strictObject({
  enabled: flag(),
  threshold: rangedNumber(COMPRESSOR_RANGES.threshold),
  ratio: rangedNumber(COMPRESSOR_RANGES.ratio),
  attack: rangedNumber(COMPRESSOR_RANGES.attack),
  release: rangedNumber(COMPRESSOR_RANGES.release),
  knee: rangedNumber(COMPRESSOR_RANGES.knee),
  makeup: rangedNumber(COMPRESSOR_RANGES.makeup),
});

export const ChainSettingsSchema = v.strictObject({
  reverb: ReverbSchema,
  compressor: CompressorSchema,
});
