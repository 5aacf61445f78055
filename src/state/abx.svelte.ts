/**
 * The blind ABX mode's state: any two slots as A and B. It owns the AbxSession (whose
 * hidden answers never leave it except as audio routing) and mirrors only what may be
 * shown: trial number, score, p-value, and which button — A, B or X — the listener last
 * pressed.
 */
import { AbxSession, type AbSide } from '../abx/session';
import { abxToCsv, abxToJson, resultFile, type AbxReport } from '../abx/export';
import type { Announcer } from './announcer.svelte';
import type { Comparison } from './comparison.svelte';
import type { Transport } from './transport.svelte';

export type AbxListen = AbSide | 'X';

export class AbxState {
  active = $state(false);
  trialCount = $state(16);
  /** Which of A, B, X is being heard (as pressed — never what X is). */
  listening = $state<AbxListen>('X');
  current = $state(0);
  answered = $state(0);
  correct = $state(0);
  pValue = $state(1);
  done = $state(false);
  /** The listener's name or id, carried in the exports (a class pools its files). */
  listener = $state('');

  /** The two slots compared (ids): A and B of the test. */
  pair = $state<[string, string]>(['', '']);

  private session: AbxSession | null = null;
  private startedAt = '';
  private finishedAt = '';
  private setup: Record<string, unknown> = {};

  constructor(
    private readonly comparison: Comparison,
    private readonly transport: Transport,
    private readonly announcer?: Announcer,
  ) {}

  /** How many trials the next test runs (1–100). */
  setTrialCount(n: number): void {
    if (Number.isFinite(n)) this.trialCount = Math.max(1, Math.min(100, Math.round(n)));
  }

  setListener(name: string): void {
    this.listener = name.trim().slice(0, 80);
  }

  /** Which two slots the test compares (until it starts; the first two by default). */
  setPair(a: string, b: string): void {
    if (a !== b) this.pair = [a, b];
  }

  /** The pair in use: the chosen one while both slots exist, else the first two. */
  private resolvedPair(): [string, string] {
    const ids = this.comparison.slots.map((s) => s.id);
    const [a, b] = this.pair;
    return ids.includes(a) && ids.includes(b) && a !== b ? [a, b] : [ids[0], ids[1]];
  }

  start(): void {
    const c = this.comparison;
    this.pair = this.resolvedPair();
    const [a, b] = this.pair.map((id) => c.slot(id)!);
    this.session = new AbxSession(this.trialCount);
    this.startedAt = new Date().toISOString();
    this.finishedAt = '';
    this.setup = {
      A: c.work.describe(a),
      B: c.work.describe(b),
      loudnessMatched: c.loudnessMatching,
      crossfadeMs: c.crossfade * 1000,
    };
    // Listeners compare by replaying: loop the recordings unless a loop region is already set.
    const end = Math.max(a.offset + (a.audio?.duration ?? 0), b.offset + (b.audio?.duration ?? 0));
    if (!this.transport.loop && end > 0) this.transport.setLoop({ start: Math.max(0, Math.min(a.offset, b.offset)), end });
    this.active = true;
    this.sync();
    this.listen('X');
  }

  stop(): void {
    this.active = false;
    this.session = null;
    this.comparison.select(this.pair[0]);
  }

  /** The slot that plays as A or B of the test. */
  private slotOf(side: AbSide): string {
    return side === 'A' ? this.pair[0] : this.pair[1];
  }

  /** Hear A, B or X; switching is the same crossfade on the same clock as A/B. */
  listen(which: AbxListen): void {
    if (!this.session || this.session.done) return;
    this.listening = which;
    this.comparison.route(this.slotOf(which === 'X' ? this.session.routeX() : which));
  }

  answer(guess: AbSide): void {
    if (!this.session || this.session.done) return;
    const record = this.session.answer(guess);
    this.sync();
    // The running score is on screen, so each trial's outcome is no secret: say it.
    this.announcer?.abxTrial(record.trial, record.correct);
    if (this.session.done) {
      this.finishedAt = new Date().toISOString();
      this.comparison.route(this.pair[0]);
    } else if (this.listening === 'X') {
      // A new trial has a new X: keep listening to X, now the new one.
      this.comparison.route(this.slotOf(this.session.routeX()));
    }
  }

  report(): AbxReport | null {
    if (!this.session) return null;
    return {
      tool: 'Canyon Lab ABX',
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
    return resultFile('abx', r.listener, r.startedAt, format, format === 'csv' ? abxToCsv(r) : abxToJson(r));
  }

  private sync(): void {
    if (!this.session) return;
    const s = this.session.summary();
    this.current = this.session.current;
    this.answered = s.answered;
    this.correct = s.correct;
    this.pValue = s.pValue;
    this.done = this.session.done;
  }
}
