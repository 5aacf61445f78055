/** What a scene is once read: the shape every version of the scene format becomes. */
import type { ChainSettings } from '../audio/settings';
import type { SceneBlindTest, SceneRegion, WaveScale } from './scene-fields';

/** The newest version of the scene format; older ones are read too. */
export const SCENE_FORMAT_VERSION = 2;

export interface SceneSlot {
  label: string;
  /** The sample it plays, or null when it plays the same as the slot `sameSourceAs`. */
  source: string | null;
  sameSourceAs: string | null;
  /** Complete chain settings. */
  settings: ChainSettings;
  trimDb: number;
  /** Seconds on the timeline, or "align": aligned automatically to the reference when the scene opens. */
  offset: number | 'align';
}

export interface SceneRoomTone {
  sampleId: string;
  /** Level of the bed, dB of gain. */
  levelDb: number;
  /** The label of the slot it lies under. */
  slot: string;
}

export interface Scene {
  id: string;
  title: string;
  /** What to listen and look for; paragraphs separated by blank lines. */
  caption: string;
  slots: SceneSlot[];
  /** The label of the slot heard when the scene opens, or "difference". */
  heard: string;
  /** The label of the reference slot (loudness matching, alignment). */
  reference: string;
  regions: SceneRegion[];
  scale: WaveScale;
  /** Waveform zoom, pixels per second; 0 fits the whole time axis (default). */
  zoom: number;
  roomTone: SceneRoomTone | null;
  /** The blind test the scene's key starts (its caption names the key), or null. */
  blindTest: SceneBlindTest | null;
  /** Sample ids this scene uses that are not bundled (yet), in order of first use. */
  missingSamples: string[];
}
