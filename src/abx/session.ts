/**
 * One blind ABX session: in each trial X is A or B at random, and the listener says
 * which. The hidden answers live in a private field: nothing the UI renders or stores
 * (state, DOM, URL) can read X before the trial is answered; only the audio routing
 * asks for it, through `routeX()`.
 */
import { abxPValue } from './statistics';

export type AbSide = 'A' | 'B';

export interface AbxTrialRecord {
  trial: number;
  x: AbSide;
  answer: AbSide;
  correct: boolean;
  /** ISO time of the answer. */
  answeredAt: string;
}

export interface AbxSummary {
  trials: number;
  answered: number;
  correct: number;
  pValue: number;
}

/** A fair coin from the platform's cryptographic random source (never Math.random). */
export function secureCoin(): AbSide {
  const bytes = new Uint8Array(1);
  crypto.getRandomValues(bytes);
  return bytes[0] & 1 ? 'B' : 'A';
}

export class AbxSession {
  readonly trials: number;
  readonly #hidden: AbSide[];
  readonly #records: AbxTrialRecord[] = [];

  constructor(trials = 16, coin: () => AbSide = secureCoin) {
    if (!Number.isInteger(trials) || trials < 1) throw new Error('An ABX session needs at least one trial.');
    this.trials = trials;
    this.#hidden = Array.from({ length: trials }, coin);
  }

  /** Zero-based index of the trial being listened to; equals `trials` when done. */
  get current(): number {
    return this.#records.length;
  }

  get done(): boolean {
    return this.#records.length >= this.trials;
  }

  /** Which real side X is in the current trial — for audio routing only, never for display. */
  routeX(): AbSide {
    if (this.done) throw new Error('The ABX session is finished.');
    return this.#hidden[this.current];
  }

  /** Record the listener's answer for the current trial and move on. */
  answer(guess: AbSide, now: Date = new Date()): AbxTrialRecord {
    if (this.done) throw new Error('The ABX session is finished.');
    const x = this.#hidden[this.current];
    const record: AbxTrialRecord = { trial: this.current + 1, x, answer: guess, correct: guess === x, answeredAt: now.toISOString() };
    this.#records.push(record);
    return record;
  }

  /** Answered trials only: an unanswered X is never part of a record. */
  get records(): readonly AbxTrialRecord[] {
    return this.#records;
  }

  summary(): AbxSummary {
    const correct = this.#records.filter((r) => r.correct).length;
    return { trials: this.trials, answered: this.#records.length, correct, pValue: abxPValue(correct, this.#records.length) };
  }
}
