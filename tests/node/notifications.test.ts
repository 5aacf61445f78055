import { describe, expect, it } from 'vitest';
import { ABOUT_COMPARISON, Notifications } from '../../src/state/notifications.svelte';
import { AudioInputError } from '../../src/audio/decode';

describe('notifications', () => {
  it('shows a message raised 64 times once, with its count', () => {
    const n = new Notifications();
    for (let i = 0; i < 64; i++) n.notify('warning', 'Switching to B changes the peak level by 9.1 dB — mind your ears.');
    expect(n.messages).toHaveLength(1);
    expect(n.messages[0].count).toBe(64);
  });

  it('keeps different messages, and the same words at another level, apart', () => {
    const n = new Notifications();
    n.notify('info', 'one');
    n.notify('warning', 'two');
    n.notify('info', 'one');
    n.notify('error', 'one');
    expect(n.messages.map((m) => [m.level, m.text, m.count])).toEqual([
      ['info', 'one', 2],
      ['warning', 'two', 1],
      ['error', 'one', 1],
    ]);
  });

  it('starts counting afresh once a message was dismissed', () => {
    const n = new Notifications();
    n.notify('info', 'again');
    n.notify('info', 'again');
    n.dismiss(n.messages[0].id);
    n.notify('info', 'again');
    expect(n.messages.map((m) => m.count)).toEqual([1]);
  });

  it('takes away the messages about the old comparison when another opens, and only those', () => {
    const n = new Notifications();
    n.notify('warning', 'That change moved B’s peak level by +7.4 dB — mind your ears.', undefined, ABOUT_COMPARISON);
    n.notify('error', '“x.wav” is empty (0 bytes).');
    n.notify('info', 'B comes out polarity-inverted relative to A; the null test adds them.', undefined, ABOUT_COMPARISON);
    n.clear(ABOUT_COMPARISON);
    expect(n.messages.map((m) => m.text)).toEqual(['“x.wav” is empty (0 bytes).']);
  });

  it('reports the lab’s own errors in their words and anything else as unexpected', () => {
    const n = new Notifications();
    const quiet = console.error;
    console.error = () => {};
    try {
      n.report(new AudioInputError('“x.wav” is empty (0 bytes).'));
      n.report(new TypeError('boom'));
    } finally {
      console.error = quiet;
    }
    expect(n.messages.map((m) => m.text)).toEqual(['“x.wav” is empty (0 bytes).', 'Something went wrong: boom']);
  });
});
