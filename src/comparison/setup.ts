/**
 * What a comparison is, as plain data: its slots (a source, processing, a level trim, a
 * time offset, a label and a colour), which slot is the reference, which is heard and
 * shown, and which two make the null test. The state (src/state), the session and URL
 * schemas (src/schema) and the scenes (src/demo) all speak this shape.
 */
import { defaultSettings, type ChainSettings, type ParamRange } from '../audio/settings';

/** A slot's source: a sample id, or `follow:<slot id>` for "the same source as that slot". */
export type SourceRef = string;
const FOLLOW = 'follow:';
export const followRef = (slotId: string): SourceRef => `${FOLLOW}${slotId}`;
export const followedSlot = (ref: SourceRef): string | null => (ref.startsWith(FOLLOW) ? ref.slice(FOLLOW.length) : null);

/** What is heard besides a slot: the null test of two slots… */
export const DIFFERENCE = 'difference';
/** …and a rating test's low anchor (the reference low-passed at 3.5 kHz). */
export const LOW_ANCHOR = 'anchor';

/** Slots per comparison: at least two (a comparison), at most eight (what one screen shows). */
export const MIN_SLOTS = 2;
export const MAX_SLOTS = 8;
/** Number of colours in the slot palette (--slot-1 … --slot-8 in theme.css). */
export const SLOT_COLOURS = 8;
/** Time offsets a slot may take, seconds: alignment of takes, not editing. */
export const OFFSET_RANGE: ParamRange = { min: -10, max: 10, step: 0.0001, unit: 's' };
/** Level trims, dB. */
export const TRIM_RANGE: ParamRange = { min: -40, max: 20, step: 0.1, unit: 'dB' };

export interface SlotSetup {
  id: string;
  label: string;
  /** 1–8: the slot palette's colour (it adapts to the colour scheme and projector mode). */
  colour: number;
  source: SourceRef;
  settings: ChainSettings;
  trimDb: number;
  /** Seconds: where the slot's audio starts on the shared timeline (negative: its start is cut). */
  offset: number;
}

export interface ComparisonSetup {
  slots: SlotSetup[];
  /** The slot others are loudness-matched and aligned to. */
  referenceId: string;
  /** What is heard: a slot id or DIFFERENCE. */
  heard: string;
  /** The slot whose controls are shown. */
  selectedId: string;
  /** The null test: X − Y. */
  difference: [string, string];
}

/** Dry: no reverb, no compressor — heard and drawn as the source itself, never rendered. */
export function isDry(settings: ChainSettings): boolean {
  return !settings.reverb.enabled && !settings.compressor.enabled;
}

/** Settings of a dry slot that would use `irId` if its reverb were switched on. */
export function drySettings(irId: string): ChainSettings {
  const s = defaultSettings(irId);
  s.reverb.enabled = false;
  s.compressor.enabled = false;
  return s;
}

/** The slot whose controls a comparison opens on when nothing says: the first processed one, else the second. */
export function openingSelection(slots: readonly Pick<SlotSetup, 'id' | 'settings'>[]): string {
  return (slots.find((s) => !isDry(s.settings)) ?? slots[1] ?? slots[0]).id;
}

/** The sample a comparison's first slot of its own plays (its first slot's reference when every slot follows). */
export function ownSample(c: Pick<ComparisonSetup, 'slots'>): SourceRef {
  return (c.slots.find((s) => !followedSlot(s.source)) ?? c.slots[0]).source;
}

/** The lab's opening comparison: A the clip dry, B the same clip through the space (`settings`). */
export function defaultComparison(clipId: string, settings: ChainSettings = defaultSettings('')): ComparisonSetup {
  return {
    slots: [
      { id: 's1', label: 'A', colour: 1, source: clipId, settings: drySettings(settings.reverb.irId), trimDb: 0, offset: 0 },
      { id: 's2', label: 'B', colour: 2, source: followRef('s1'), settings, trimDb: 0, offset: 0 },
    ],
    referenceId: 's1',
    heard: 's1',
    selectedId: 's2',
    difference: ['s1', 's2'],
  };
}
