/**
 * The multi-stimulus rating test's state (MUSHRA-style, ITU-R BS.1534-3). It owns the
 * MushraSession (whose order of conditions never leaves it except as audio routing) and
 * mirrors only what may be shown: the trial, which position is being heard, the
 * listener's own ratings by position, and — once finished — the results.
 */
import { MushraSession, type MushraSummary } from '../mushra/session';
import { mushraToCsv, mushraToJson, type MushraReport } from '../mushra/export';
import { resultFile } from '../abx/export';
import type { Announcer } from './announcer.svelte';
import type { Comparison } from './comparison.svelte';
import type { Transport } from './transport.svelte';

/** What is being heard: the open reference, or a stimulus by its position in the trial. */
export type MushraListen = 'reference' | number;

export class MushraState {
  active = $state(false);
  trialCount = $state(3);
  lowAnchor = $state(true);
  /** The listener's name or id, carried in the exports (a class pools its files). */
  listener = $state('');
  current = $state(0);
  size = $state(0);
  listening = $state<MushraListen>('reference');
  /** The listener's ratings in the current trial, by position (null: not rated yet). */
  ratings = $state<(number | null)[]>([]);
  done = $state(false);
  summary = $state.raw<MushraSummary | null>(null);

  private session: MushraSession | null = null;
  private startedAt = '';
  private finishedAt = '';
  private setup: Record<string, unknown> = {};

  constructor(
    private readonly comparison: Comparison,
    private readonly transport: Transport,
    private readonly announcer?: Announcer,
  ) {}

  setTrialCount(n: number): void {
    if (Number.isFinite(n)) this.trialCount = Math.max(1, Math.min(50, Math.round(n)));
  }

  setLowAnchor(on: boolean): void {
    this.lowAnchor = on;
  }

  setListener(name: string): void {
    this.listener = name.trim().slice(0, 80);
  }

  /** The reference and every other slot, rated by the listener; the reference is also hidden among them. */
  start(): void {
    const c = this.comparison;
    const reference = c.reference;
    if (!reference || c.slots.length < 2) return;
    this.session = new MushraSession({
      slots: c.slots.map((s) => ({ key: s.id, label: s.label })),
      referenceKey: reference.id,
      lowAnchor: this.lowAnchor,
      trials: this.trialCount,
    });
    this.startedAt = new Date().toISOString();
    this.finishedAt = '';
    this.setup = {
      reference: reference.label,
      slots: c.slots.map((s) => c.work.describe(s)),
      lowAnchor: this.lowAnchor ? 'reference low-passed at 3.5 kHz' : false,
      loudnessMatched: c.loudnessMatching,
      crossfadeMs: c.crossfade * 1000,
    };
    c.setAnchor(this.lowAnchor ? reference.id : null);
    // Listeners compare by replaying: loop the recordings unless a loop region is already set.
    const end = Math.max(...c.slots.map((s) => s.offset + (s.audio?.duration ?? 0)));
    if (!this.transport.loop && end > 0) this.transport.setLoop({ start: 0, end });
    this.active = true;
    this.summary = null;
    this.sync();
    this.listen('reference');
  }

  stop(): void {
    this.active = false;
    this.session = null;
    this.comparison.setAnchor(null);
    this.comparison.select(this.comparison.referenceId);
  }

  /** Hear the open reference or a stimulus: the same crossfade on the same clock as everywhere. */
  listen(which: MushraListen): void {
    const s = this.session;
    if (!s || s.done) return;
    if (which !== 'reference' && (which < 0 || which >= s.size)) return;
    this.listening = which;
    this.comparison.route(which === 'reference' ? this.comparison.referenceId : s.routeOf(which));
  }

  rate(position: number, score: number): void {
    if (!this.session || this.session.done) return;
    this.session.rate(position, score);
    this.ratings = Array.from({ length: this.session.size }, (_, i) => this.session!.rating(i));
  }

  /** Keep this trial's ratings and go on to the next (a new order), or finish. */
  next(): void {
    const s = this.session;
    if (!s || s.done || !s.complete) return;
    s.submit();
    this.announcer?.ratingSaved(s.current, s.trials);
    if (s.done) {
      this.finishedAt = new Date().toISOString();
      this.comparison.route(this.comparison.referenceId);
    }
    this.sync();
    if (!s.done) this.listen('reference');
  }

  report(): MushraReport | null {
    if (!this.session) return null;
    return {
      tool: 'Canyon Lab rating test (BS.1534-style)',
      listener: this.listener || 'anonymous',
      startedAt: this.startedAt,
      finishedAt: this.finishedAt || new Date().toISOString(),
      setup: this.setup,
      summary: this.session.summary(),
      trials: this.session.records,
    };
  }

  exportAs(format: 'csv' | 'json'): { name: string; type: string; text: string } | null {
    const r = this.report();
    if (!r) return null;
    return resultFile('rating', r.listener, r.startedAt, format, format === 'csv' ? mushraToCsv(r) : mushraToJson(r));
  }

  private sync(): void {
    const s = this.session;
    if (!s) return;
    this.current = s.current;
    this.size = s.size;
    this.done = s.done;
    this.ratings = s.done ? [] : Array.from({ length: s.size }, (_, i) => s.rating(i));
    if (s.done) this.summary = s.summary();
  }
}
