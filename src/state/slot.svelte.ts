/**
 * One slot of the comparison: a source (a sample, or "the same source as slot X"), its
 * own processing, a level trim and a time offset, a label and a colour — and what the
 * lab made of it: the decoded source, its IR, its rendered result (the source itself
 * when the slot is dry: no render), the loudness of that result, and its render queue.
 */
import type { ClipAudio } from '../audio/coded-audio';
import { cloneSettings, type ChainSettings } from '../audio/settings';
import { renderedLength } from '../audio/render-length';
import { isDry, type SlotSetup, type SourceRef } from '../comparison/setup';
import { RenderQueue, type RenderJob } from './render-queue.svelte';

export class Slot {
  readonly id: string;
  label = $state('');
  colour = $state(1);
  source = $state<SourceRef>('');
  settings = $state<ChainSettings>() as ChainSettings;
  trimDb = $state(0);
  offset = $state(0);

  /** The decoded source (at the lab rate), or null while loading. */
  audio = $state.raw<ClipAudio | null>(null);
  /** The impulse response in use (null when the reverb is off). */
  ir = $state.raw<AudioBuffer | null>(null);
  /** What the slot sounds like: the render of its processing, or its source when dry. */
  rendered = $state.raw<ClipAudio | null>(null);
  /** The render on its way, while it is being written: measured as it is, before it lands. */
  making: AudioBuffer | null = null;
  /** Integrated loudness of `rendered` as heard, LUFS (null: not measured yet, or too quiet/short to gate). */
  loudness = $state<number | null>(null);
  /** The browser compressor's hidden makeup at this slot's settings, dB (measured). */
  hiddenMakeupDb = $state(0);
  /** The last automatic alignment against the reference: the lag found and how sure. */
  alignment = $state<{ seconds: number; confidence: number } | null>(null);
  readonly renders: RenderQueue;

  constructor(setup: SlotSetup, job: (slot: Slot) => RenderJob, onError: (err: unknown) => void) {
    this.id = setup.id;
    this.apply(setup);
    this.renders = new RenderQueue(job(this), onError);
  }

  /** Take a setup's fields (the id stays). */
  apply(setup: SlotSetup): void {
    this.label = setup.label;
    this.colour = setup.colour;
    this.source = setup.source;
    this.settings = cloneSettings(setup.settings);
    this.trimDb = setup.trimDb;
    this.offset = setup.offset;
  }

  /** Reverb or compression: the slot is rendered offline. */
  get processed(): boolean {
    return !isDry(this.settings);
  }

  /** The render is running or scheduled: what is drawn and measured is not current. */
  get rendering(): boolean {
    return this.renders.busy;
  }

  /**
   * Where the slot's sound ends on the timeline. A processed slot ends where its render
   * does (the clip and the IR's tail), also while that render is on its way: the views are
   * then drawn on the final axis once, not redrawn (every one, a long clip's peaks read
   * again) when it lands.
   */
  get end(): number {
    const b = this.rendered ?? this.audio;
    if (!b) return 0;
    // The IR a render is given: the slot's own when its reverb is on (slot-work's render()).
    const frames = this.processed && this.audio ? renderedLength(this.audio, this.settings.reverb.enabled ? this.ir : null) : b.length;
    return Math.max(0, this.offset + frames / b.sampleRate);
  }

  setup(): SlotSetup {
    return {
      id: this.id,
      label: this.label,
      colour: this.colour,
      source: this.source,
      settings: cloneSettings(this.settings),
      trimDb: this.trimDb,
      offset: this.offset,
    };
  }

  dispose(): void {
    this.renders.dispose();
  }
}
