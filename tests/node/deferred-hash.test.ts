import { expect, it, vi } from 'vitest';
import { DeferredHash, whenQuiet } from '../../src/state/deferred-hash';

it('takes the hash once: when asked, or when the lab goes quiet, whichever comes first', async () => {
  let calls = 0;
  const hash = () => Promise.resolve(`h${++calls}`);
  let quiet: () => void = () => {};
  const d = new DeferredHash(hash, new Promise<void>((r) => (quiet = r)));
  await new Promise((r) => setTimeout(r, 0));
  expect(calls).toBe(0);
  let taken: string | null = null;
  void d.whenTaken.then((h) => (taken = h));
  await new Promise((r) => setTimeout(r, 0));
  expect(taken).toBeNull(); // waiting for it does not take it
  quiet();
  await expect(d.whenTaken).resolves.toBe('h1');
  await expect(d.value()).resolves.toBe('h1');
  expect(calls).toBe(1);

  const asked = new DeferredHash(hash, new Promise<void>(() => {}));
  await expect(asked.value()).resolves.toBe('h2');
  await expect(asked.whenTaken).resolves.toBe('h2');
});

it('is quiet after two quiet polls in a row, or after the longest wait', async () => {
  vi.useFakeTimers();
  try {
    const states = [true, true, false, true, false, false];
    let polls = 0;
    let settled = false;
    void whenQuiet(() => states[polls++] ?? false, { firstMs: 100, pollMs: 100, maxMs: 10_000 }).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(settled).toBe(false); // busy, busy, quiet, busy, quiet: not yet
    await vi.advanceTimersByTimeAsync(100);
    expect(settled).toBe(true);
    expect(polls).toBe(6);

    let late = false;
    void whenQuiet(() => true, { firstMs: 100, pollMs: 100, maxMs: 1000 }).then(() => (late = true));
    await vi.advanceTimersByTimeAsync(900);
    expect(late).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(late).toBe(true);
  } finally {
    vi.useRealTimers();
  }
});
