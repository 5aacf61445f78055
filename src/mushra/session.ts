/**
 * One multi-stimulus test with hidden reference and anchor, in the manner of ITU-R
 * BS.1534-3 (MUSHRA). In each trial the listener hears the open reference and every
 * condition — each other slot, the reference again (hidden), and optionally a low anchor
 * (the reference low-passed at 3.5 kHz) — in an order drawn afresh, and rates each 0–100.
 * Which condition stands behind which position is a private field: the UI shows only
 * positions; the audio routing asks `routeOf()`; records exist only for submitted trials.
 */
import { shuffled, secureInt } from './random';
import { failsReferenceScreening, meanInterval, type MeanInterval } from './statistics';

import { LOW_ANCHOR } from '../comparison/setup';

export { LOW_ANCHOR };

export interface MushraCondition {
  /** Routing key: a slot id, or LOW_ANCHOR. */
  key: string;
  /** Name in the results: the slot's label, "hidden reference", "low anchor (3.5 kHz)". */
  label: string;
}

export interface MushraSetup {
  /** The slots under test, the reference among them (it is the hidden reference). */
  slots: { key: string; label: string }[];
  referenceKey: string;
  lowAnchor: boolean;
  trials: number;
}

export interface MushraTrialRecord {
  trial: number;
  /** Condition labels in the order they were shown. */
  order: string[];
  /** Score per condition label, 0–100. */
  scores: Record<string, number>;
  submittedAt: string;
}

export interface MushraConditionSummary extends MeanInterval {
  label: string;
}

export interface MushraSummary {
  trials: number;
  submitted: number;
  conditions: MushraConditionSummary[];
  /** BS.1534-3 post-screening: the hidden reference scored below 90 in more than 15 % of trials. */
  failsScreening: boolean;
}

/** Score bands of the continuous quality scale (BS.1534-3). */
export const QUALITY_SCALE = ['Bad', 'Poor', 'Fair', 'Good', 'Excellent'] as const;

export class MushraSession {
  readonly trials: number;
  readonly conditions: readonly MushraCondition[];
  readonly #orders: MushraCondition[][];
  #ratings: (number | null)[];
  readonly #records: MushraTrialRecord[] = [];

  constructor(setup: MushraSetup, randomInt: (n: number) => number = secureInt) {
    if (!Number.isInteger(setup.trials) || setup.trials < 1) throw new Error('A rating test needs at least one trial.');
    if (setup.slots.length < 2) throw new Error('A rating test needs a reference and at least one other slot.');
    const conditions: MushraCondition[] = setup.slots.map((s) => ({
      key: s.key,
      label: s.key === setup.referenceKey ? 'hidden reference' : s.label,
    }));
    if (setup.lowAnchor) conditions.push({ key: LOW_ANCHOR, label: 'low anchor (3.5 kHz)' });
    this.conditions = conditions;
    this.trials = setup.trials;
    this.#orders = Array.from({ length: setup.trials }, () => shuffled(conditions, randomInt));
    this.#ratings = conditions.map(() => null);
  }

  /** How many stimuli each trial shows. */
  get size(): number {
    return this.conditions.length;
  }

  /** Zero-based index of the trial being rated; equals `trials` when done. */
  get current(): number {
    return this.#records.length;
  }

  get done(): boolean {
    return this.#records.length >= this.trials;
  }

  /** What stimulus `position` plays in the current trial — for audio routing only, never for display. */
  routeOf(position: number): string {
    return this.#order()[position].key;
  }

  /** The listener's score at `position` in the current trial, or null before one is given. */
  rating(position: number): number | null {
    return this.#ratings[position] ?? null;
  }

  rate(position: number, score: number): void {
    if (this.done) throw new Error('The rating test is finished.');
    if (position < 0 || position >= this.size) throw new Error(`No stimulus ${position + 1} in this trial.`);
    this.#ratings[position] = Math.max(0, Math.min(100, Math.round(score)));
  }

  /** Every stimulus of the current trial has a score. */
  get complete(): boolean {
    return this.#ratings.every((r) => r !== null);
  }

  /** Keep the current trial's scores and move on (a new order). */
  submit(now: Date = new Date()): MushraTrialRecord {
    if (this.done) throw new Error('The rating test is finished.');
    if (!this.complete) throw new Error('Rate every stimulus before going on.');
    const order = this.#order();
    const scores: Record<string, number> = {};
    order.forEach((c, i) => (scores[c.label] = this.#ratings[i]!));
    const record: MushraTrialRecord = { trial: this.current + 1, order: order.map((c) => c.label), scores, submittedAt: now.toISOString() };
    this.#records.push(record);
    this.#ratings = this.conditions.map(() => null);
    return record;
  }

  /** Submitted trials only. */
  get records(): readonly MushraTrialRecord[] {
    return this.#records;
  }

  summary(): MushraSummary {
    const conditions = this.conditions.map((c) => ({ label: c.label, ...meanInterval(this.#records.map((r) => r.scores[c.label])) }));
    const hidden = this.#records.map((r) => r.scores['hidden reference']);
    return { trials: this.trials, submitted: this.#records.length, conditions, failsScreening: failsReferenceScreening(hidden) };
  }

  #order(): MushraCondition[] {
    if (this.done) throw new Error('The rating test is finished.');
    return this.#orders[this.current];
  }
}
