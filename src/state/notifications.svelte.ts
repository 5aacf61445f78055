/**
 * Messages for the user: problems, notices and warnings, each dismissible. The same
 * message again is not stacked: it is shown once with a count (switching back and forth
 * between two sides of very different level must not bury the page in warnings).
 */
import { AudioInputError } from '../audio/decode';
import { Announcer } from './announcer.svelte';
import { StorageError } from './session-store';

export type MessageLevel = 'info' | 'warning' | 'error';

export interface Message {
  id: number;
  level: MessageLevel;
  text: string;
  /** How many times this message was raised (1 the first time). */
  count: number;
  /** Choices offered with the message (e.g. "Trim to 20 s"); choosing one dismisses it. */
  actions?: MessageAction[];
  /** What the message is about, when it stops being true once that goes (see ABOUT_COMPARISON). */
  about?: string;
}

/** Messages about the comparison on screen (level jumps, polarity, alignment): stale once another is loaded. */
export const ABOUT_COMPARISON = 'comparison';

export interface MessageAction {
  label: string;
  run: () => void | Promise<void>;
}

export class Notifications {
  messages = $state<Message[]>([]);
  /** Progress and results for screen readers: one polite live region, spoken one at a time. */
  readonly announcer = new Announcer();
  private nextId = 1;

  notify(level: MessageLevel, text: string, actions?: MessageAction[], about?: string): void {
    const same = this.messages.find((m) => m.text === text && m.level === level);
    if (same) {
      // Raised again: count it, with the newest choices (they may close over newer data).
      this.messages = this.messages.map((m) => (m === same ? { ...m, count: m.count + 1, ...(actions ? { actions } : {}) } : m));
      return;
    }
    this.messages = [
      ...this.messages,
      { id: this.nextId++, level, text, count: 1, ...(actions ? { actions } : {}), ...(about ? { about } : {}) },
    ];
  }

  /** Take away every message about `about` (e.g. a scene opened: the old comparison's warnings no longer hold). */
  clear(about: string): void {
    this.messages = this.messages.filter((m) => m.about !== about);
  }

  dismiss(id: number): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  /** An error as a message: our own errors say what happened; anything else is labelled unexpected. */
  report(err: unknown): void {
    if (err instanceof AudioInputError || err instanceof StorageError) this.notify('error', err.message);
    else this.notify('error', `Something went wrong: ${err instanceof Error ? err.message : String(err)}`);
    console.error(err);
  }
}
