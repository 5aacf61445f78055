/**
 * What is compared and how: the slots (2–8 independent sources, each with its own
 * processing, trim and time offset), which is heard, which is the reference (for
 * loudness matching and alignment), which two make the null test, and how switching
 * sounds. Everything a slot needs is loaded and rendered by SlotWork (slot-work.ts);
 * this part keeps the list and talks to the player.
 */
import { AB_CROSSFADE_SECONDS } from '../audio/constants';
import { cloneSettings, type ChainSettings } from '../audio/settings';
import {
  DIFFERENCE,
  MAX_SLOTS,
  MIN_SLOTS,
  SLOT_COLOURS,
  followRef,
  followedSlot,
  type ComparisonSetup,
  type SlotSetup,
  type SourceRef,
} from '../comparison/setup';
import type { EngineHost } from './engine-host.svelte';
import type { Library } from './library.svelte';
import { ABOUT_COMPARISON, type Notifications } from './notifications.svelte';
import { Slot } from './slot.svelte';
import { SlotWork } from './slot-work.svelte';
import type { Transport } from './transport.svelte';

export { DIFFERENCE } from '../comparison/setup';

/** A level jump bigger than this between what is heard now and next gets a warning. */
export const LEVEL_JUMP_WARNING_DB = 6;

/** How the comparison is heard: kept with the session. */
export interface ListeningSetup {
  loudnessMatching: boolean;
  compensateHiddenMakeup: boolean;
  crossfade: number;
}

/** Labels for new slots, in order: A, B, C… */
const LABELS = 'ABCDEFGH';

export class Comparison {
  slots = $state<Slot[]>([]);
  /** The slot whose controls are shown. */
  selectedId = $state('');
  /** What is heard: a slot id or DIFFERENCE. In a blind test the engine may route elsewhere; this stays what the UI shows. */
  heard = $state('');
  /** The slot others are loudness-matched and aligned to. */
  referenceId = $state('');
  /** The null test: X − Y. */
  difference = $state<[string, string]>(['', '']);
  /** Sources are being loaded. */
  loading = $state(false);
  /** Switch crossfade, seconds. */
  crossfade = $state(AB_CROSSFADE_SECONDS);
  /** Match every slot's integrated loudness to the reference's (BS.1770) so louder cannot win: on by default. */
  loudnessMatching = $state(true);
  /** Take the browser compressor's hidden makeup gain off (on by default: honest comparisons). */
  compensateHiddenMakeup = $state(true);
  /** Show the null test's view. */
  showDifference = $state(false);

  /** Loading, rendering, measuring, the null test: the work behind the slots. */
  readonly work: SlotWork;
  private nextId = 1;

  constructor(
    library: Library,
    private readonly engine: EngineHost,
    private readonly transport: Transport,
    private readonly notes: Notifications,
  ) {
    this.work = new SlotWork(this, library, engine, notes);
  }

  slot(id: string): Slot | undefined {
    return this.slots.find((s) => s.id === id);
  }

  get reference(): Slot | undefined {
    return this.slot(this.referenceId) ?? this.slots[0];
  }

  get selected(): Slot | undefined {
    return this.slot(this.selectedId) ?? this.slots[0];
  }

  /** Some slot is rendering, or will in a moment. */
  get rendering(): boolean {
    return this.slots.some((s) => s.rendering);
  }

  /** Common time axis of all views: every slot with its offset and reverb tail. */
  readonly timeline = $derived(Math.max(0, ...this.slots.map((s) => s.end)));

  /** Gain that brings slot `s` to the reference's loudness, dB (0 when off or unmeasured). */
  matchDb(s: Slot): number {
    const ref = this.reference;
    if (!this.loudnessMatching || !ref || ref.loudness === null || s.loudness === null) return 0;
    return ref.loudness - s.loudness;
  }

  /**
   * A slot's view is not current yet: its render is on its way, or — a dry slot being its
   * source, drawn as soon as it is decoded — drawn as heard while its matching gain still
   * waits for a loudness (its own or the reference's).
   */
  viewBusy(s: Slot, asHeard: boolean): boolean {
    if (this.loading) return true;
    if (this.work.rendersAudio(s)) return s.rendering;
    const ref = this.reference;
    return asHeard && this.loudnessMatching && !!ref && ref !== s && (s.rendering || ref.rendering);
  }

  /** Sample peak of what each slot would play, dBFS, before the output level (after trim and match). */
  readonly peaks: Record<string, number> = $derived(
    Object.fromEntries(this.slots.map((s) => [s.id, this.work.peakDb(s) + s.trimDb + this.matchDb(s)])),
  );

  /** Set up the slots (restored, shared, a scene) before anything is loaded. */
  configure(setup: ComparisonSetup, listening?: ListeningSetup): void {
    for (const s of this.slots) s.dispose();
    this.slots = setup.slots.map((s) => this.makeSlot(s));
    this.nextId = 1 + Math.max(0, ...this.slots.map((s) => Number(s.id.replace(/\D/g, '')) || 0));
    this.referenceId = this.slot(setup.referenceId) ? setup.referenceId : this.slots[0].id;
    this.heard = setup.heard === DIFFERENCE || this.slot(setup.heard) ? setup.heard : this.slots[0].id;
    this.selectedId = this.slot(setup.selectedId) ? setup.selectedId : this.slots[0].id;
    this.difference = this.validPair(setup.difference);
    if (listening) {
      this.loudnessMatching = listening.loudnessMatching;
      this.compensateHiddenMakeup = listening.compensateHiddenMakeup;
      this.crossfade = listening.crossfade;
    }
  }

  /** The comparison as kept and shared. */
  setup(): ComparisonSetup {
    return {
      slots: this.slots.map((s) => s.setup()),
      referenceId: this.referenceId,
      heard: this.heard,
      selectedId: this.selectedId,
      difference: [...this.difference],
    };
  }

  /** Load every slot's source and IR, hand them to the player, render what needs it. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      this.transport.reset();
      await this.work.loadAll();
    } finally {
      this.loading = false;
    }
  }

  setLoading(on: boolean): void {
    this.loading = on;
  }

  // ── the list ─────────────────────────────────────────────────────────────────

  /** A new dry slot playing the reference's source: pick its own source next. */
  addSlot(): Slot | null {
    const ref = this.reference;
    if (!ref) return null;
    const dry = cloneSettings(ref.settings);
    dry.reverb.enabled = false;
    dry.compressor.enabled = false;
    return this.insert({ source: followRef(ref.id), settings: dry, trimDb: 0, offset: ref.offset }, this.slots.length);
  }

  /** A copy of slot `id` right after it: same source, processing, trim and offset. */
  duplicate(id: string): Slot | null {
    const s = this.slot(id);
    if (!s) return null;
    const setup = s.setup();
    return this.insert({ ...setup, source: followedSlot(setup.source) ? setup.source : followRef(s.id) }, this.slots.indexOf(s) + 1);
  }

  /** "The processed copy": slot `id`'s source through the reverb (and its compressor settings). */
  processedCopy(id: string): Slot | null {
    const s = this.slot(id);
    if (!s) return null;
    const settings = cloneSettings(s.settings);
    settings.reverb.enabled = true;
    return this.insert(
      { source: followRef(followedSlot(s.source) ?? s.id), settings, trimDb: 0, offset: s.offset },
      this.slots.indexOf(s) + 1,
    );
  }

  remove(id: string): void {
    const s = this.slot(id);
    if (!s || this.slots.length <= MIN_SLOTS) return;
    // Slots that played its source keep it as their own.
    for (const other of this.slots) if (followedSlot(other.source) === id) other.source = s.source;
    this.slots = this.slots.filter((x) => x !== s);
    this.work.dropped(s);
    s.dispose();
    if (this.referenceId === id) this.referenceId = this.slots[0].id;
    if (this.selectedId === id) this.selectedId = this.slots[0].id;
    if (this.heard === id) this.select(this.referenceId);
    this.difference = this.validPair(this.difference);
    this.work.pairChanged();
  }

  rename(id: string, label: string): void {
    const s = this.slot(id);
    const name = label.trim().slice(0, 24);
    if (!s || !name) return;
    if (this.slots.some((o) => o !== s && o.label === name)) {
      this.notes.notify('warning', `Another slot is already called “${name}”.`);
      return;
    }
    s.label = name;
    this.work.measure();
  }

  /** Move a slot up (−1) or down (+1) in the list. */
  move(id: string, step: -1 | 1): void {
    const i = this.slots.findIndex((s) => s.id === id);
    const j = i + step;
    if (i < 0 || j < 0 || j >= this.slots.length) return;
    const list = [...this.slots];
    [list[i], list[j]] = [list[j], list[i]];
    this.slots = list;
  }

  setReference(id: string): void {
    if (!this.slot(id)) return;
    this.referenceId = id;
    this.work.matchLevels();
  }

  /** Show slot `id`'s controls. */
  edit(id: string): void {
    if (this.slot(id)) this.selectedId = id;
  }

  // ── one slot ─────────────────────────────────────────────────────────────────

  async setSource(id: string, source: SourceRef): Promise<void> {
    const s = this.slot(id);
    if (!s) return;
    const target = followedSlot(source);
    if (target === id) return; // a slot cannot play its own source
    // Following a slot that follows another follows that other one: one level only.
    const through = target ? this.slot(target)?.source : undefined;
    s.source = through && followedSlot(through) ? through : source;
    // Slots that followed this one now follow what it plays, or play its sample.
    for (const other of this.slots) if (other !== s && followedSlot(other.source) === id && followedSlot(s.source)) other.source = s.source;
    await this.work.sourceChanged(s);
  }

  /** Change a slot's settings: heard at once (ramped), its view re-rendered after a short pause. */
  changeSettings(id: string, mutate: (s: ChainSettings) => void): void {
    const s = this.slot(id);
    if (!s) return;
    mutate(s.settings);
    this.work.settingsChanged(s);
  }

  async selectImpulseResponse(id: string, irId: string): Promise<void> {
    const s = this.slot(id);
    if (!s) return;
    s.settings.reverb.irId = irId;
    await this.work.impulseResponseChanged(s);
  }

  setTrim(id: string, db: number): void {
    const s = this.slot(id);
    if (!s || !Number.isFinite(db)) return;
    s.trimDb = db;
    this.work.levelsChanged(s);
  }

  setOffset(id: string, seconds: number): void {
    const s = this.slot(id);
    if (!s || !Number.isFinite(seconds)) return;
    s.offset = Math.max(-10, Math.min(10, seconds));
    this.work.placed(s);
  }

  /** Align slot `id` to the reference automatically (GCC-PHAT on the onsets): sets its offset. */
  async align(id: string): Promise<void> {
    await this.work.align(id);
  }

  // ── listening ────────────────────────────────────────────────────────────────

  /** Switch what is heard (crossfaded, never a restart), warning of a big jump in level. */
  select(key: string): void {
    if (key !== DIFFERENCE && !this.slot(key)) return;
    if (key !== this.heard && key !== DIFFERENCE) {
      const from = this.heard === DIFFERENCE ? this.difference[0] : this.heard;
      const jump = Math.abs((this.peaks[key] ?? -Infinity) - (this.peaks[from] ?? -Infinity));
      if (Number.isFinite(jump) && jump > LEVEL_JUMP_WARNING_DB) {
        this.notes.notify(
          'warning',
          `Switching to ${this.slot(key)?.label} changes the peak level by ${jump.toFixed(1)} dB — mind your ears.`,
          undefined,
          ABOUT_COMPARISON,
        );
      }
    }
    this.heard = key;
    this.route(key);
  }

  /** Send `key` to the output without changing what the UI shows (a blind test's hidden stimulus). */
  route(key: string): void {
    this.engine.player?.select(key, this.crossfade);
  }

  /** The slot whose low-passed copy a rating test plays as its low anchor (null: none). */
  setAnchor(id: string | null): void {
    this.engine.player?.setAnchorSource(id);
  }

  /** The null test is X − Y. */
  setDifferencePair(x: string, y: string): void {
    this.difference = this.validPair([x, y]);
    this.work.pairChanged();
  }

  setLoudnessMatching(on: boolean): void {
    this.loudnessMatching = on;
    this.work.matchLevels();
  }

  setCompensateHiddenMakeup(on: boolean): void {
    this.compensateHiddenMakeup = on;
    for (const s of this.slots) this.work.settingsChanged(s);
  }

  setCrossfade(seconds: number): void {
    this.crossfade = seconds;
  }

  setShowDifference(on: boolean): void {
    this.showDifference = on;
    this.work.pairChanged();
  }

  dispose(): void {
    this.work.dispose();
    for (const s of this.slots) s.dispose();
  }

  private insert(partial: Omit<SlotSetup, 'id' | 'label' | 'colour'>, at: number): Slot | null {
    if (this.slots.length >= MAX_SLOTS) {
      this.notes.notify('info', `The lab compares up to ${MAX_SLOTS} slots at once.`);
      return null;
    }
    const id = `s${this.nextId++}`;
    const label = [...LABELS].find((l) => !this.slots.some((s) => s.label === l)) ?? id;
    const used = new Set(this.slots.map((s) => s.colour));
    const colour = Array.from({ length: SLOT_COLOURS }, (_, i) => i + 1).find((c) => !used.has(c)) ?? 1;
    const slot = this.makeSlot({ ...partial, id, label, colour });
    const list = [...this.slots];
    list.splice(at, 0, slot);
    this.slots = list;
    this.selectedId = id;
    void this.work.added(slot);
    return slot;
  }

  private makeSlot(setup: SlotSetup): Slot {
    return new Slot(
      setup,
      (slot) => (current) => this.work.render(slot, current),
      (err) => this.notes.report(err),
    );
  }

  private validPair([x, y]: [string, string]): [string, string] {
    const ids = this.slots.map((s) => s.id);
    const a = ids.includes(x) ? x : ids[0];
    const b = ids.includes(y) && y !== a ? y : (ids.find((i) => i !== a) ?? a);
    return [a, b];
  }
}
