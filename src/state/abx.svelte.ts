/**
 * The blind ABX mode's state. It owns the AbxSession (whose hidden answers never leave
 * it except as audio routing) and mirrors only what may be shown: trial number, score,
 * p-value, and which button — A, B or X — the listener last pressed.
 */
import { AbxSession, type AbSide } from '../abx/session';
import { abxToCsv, abxToJson, type AbxReport } from '../abx/export';
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

  private session: AbxSession | null = null;
  private startedAt = '';
  private finishedAt = '';
  private setup: Record<string, unknown> = {};

  constructor(
    private readonly comparison: Comparison,
    private readonly transport: Transport,
  ) {}

  /** How many trials the next test runs (1–100). */
  setTrialCount(n: number): void {
    if (Number.isFinite(n)) this.trialCount = Math.max(1, Math.min(100, Math.round(n)));
  }

  start(): void {
    this.session = new AbxSession(this.trialCount);
    this.startedAt = new Date().toISOString();
    this.finishedAt = '';
    const c = this.comparison;
    const s = c.settings;
    this.setup = {
      clip: c.clipId,
      impulseResponse: s.reverb.irId,
      chain: JSON.parse(JSON.stringify(s)),
      loudnessMatched: c.loudnessMatching,
      trimBDb: c.trimBDb,
      crossfadeMs: c.crossfade * 1000,
    };
    // Listeners compare by replaying: loop the clip unless a loop region is already set.
    if (!this.transport.loop && c.original) this.transport.setLoop({ start: 0, end: c.original.duration });
    this.active = true;
    this.sync();
    this.listen('X');
  }

  stop(): void {
    this.active = false;
    this.session = null;
    this.comparison.select('A');
  }

  /** Hear A, B or X; switching is the same crossfade on the same clock as A/B. */
  listen(which: AbxListen): void {
    if (!this.session || this.session.done) return;
    this.listening = which;
    this.comparison.route(which === 'X' ? this.session.routeX() : which);
  }

  answer(guess: AbSide): void {
    if (!this.session || this.session.done) return;
    this.session.answer(guess);
    this.sync();
    if (this.session.done) {
      this.finishedAt = new Date().toISOString();
      this.comparison.route('A');
    } else if (this.listening === 'X') {
      // A new trial has a new X: keep listening to X, now the new one.
      this.comparison.route(this.session.routeX());
    }
  }

  report(): AbxReport | null {
    if (!this.session) return null;
    return {
      tool: 'Canyon Lab ABX',
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
    const stamp = r.startedAt.replaceAll(':', '-');
    return format === 'csv'
      ? { name: `abx-${stamp}.csv`, type: 'text/csv', text: abxToCsv(r) }
      : { name: `abx-${stamp}.json`, type: 'application/json', text: abxToJson(r) };
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
