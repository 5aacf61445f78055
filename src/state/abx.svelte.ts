/**
 * The blind ABX mode's state. It owns the AbxSession (whose hidden answers never leave
 * it except as audio routing) and mirrors only what may be shown: trial number, score,
 * p-value, and which button — A, B or X — the listener last pressed.
 */
import { AbxSession, type AbSide } from '../abx/session';
import { abxToCsv, abxToJson, type AbxReport } from '../abx/export';
import type { LabState } from './lab.svelte';

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

  constructor(private readonly lab: LabState) {}

  start(): void {
    this.session = new AbxSession(this.trialCount);
    this.startedAt = new Date().toISOString();
    this.finishedAt = '';
    const s = this.lab.settings;
    this.setup = {
      clip: this.lab.clipId,
      impulseResponse: s.reverb.irId,
      chain: JSON.parse(JSON.stringify(s)),
      loudnessMatched: this.lab.loudnessMatching,
      trimBDb: this.lab.trimBDb,
      crossfadeMs: this.lab.crossfade * 1000,
    };
    // Listeners compare by replaying: loop the clip unless a loop region is already set.
    if (!this.lab.loop && this.lab.original) this.lab.setLoop({ start: 0, end: this.lab.original.duration });
    this.active = true;
    this.sync();
    this.listen('X');
  }

  stop(): void {
    this.active = false;
    this.session = null;
    this.lab.select('A');
  }

  /** Hear A, B or X; switching is the same crossfade on the same clock as A/B. */
  listen(which: AbxListen): void {
    if (!this.session || this.session.done) return;
    this.listening = which;
    this.lab.route(which === 'X' ? this.session.routeX() : which);
  }

  answer(guess: AbSide): void {
    if (!this.session || this.session.done) return;
    this.session.answer(guess);
    this.sync();
    if (this.session.done) {
      this.finishedAt = new Date().toISOString();
      this.lab.route('A');
    } else if (this.listening === 'X') {
      // A new trial has a new X: keep listening to X, now the new one.
      this.lab.route(this.session.routeX());
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
