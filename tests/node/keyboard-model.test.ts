import { describe, expect, it } from 'vitest';
import { controlTakes, focusUse, type FocusTarget } from '../../src/ui/keyboard-model';
import { followCursor, viewDescription, waveKeyAction, type WaveKeyState } from '../../src/ui/wave-keys';
import { viewPeaks } from '../../src/ui/waveform-peaks';

const takes = (key: string, t: FocusTarget | null) => controlTakes(key, focusUse(t));

describe('the keyboard model: a key belongs to the focused control that uses it', () => {
  it('Space and Enter press focused buttons and tick checkboxes; letters and digits stay shortcuts there', () => {
    for (const t of [{ tag: 'button' }, { tag: 'input', type: 'checkbox' }, { tag: 'a', href: true }, { tag: 'div', role: 'checkbox' }]) {
      expect(takes(' ', t)).toBe(true);
      expect(takes('Enter', t)).toBe(true);
      expect(takes('b', t)).toBe(false);
      expect(takes('2', t)).toBe(false);
      expect(takes('ArrowRight', t)).toBe(false);
    }
  });

  it('arrows belong to sliders, radio groups and a focused waveform view; Space still plays there', () => {
    for (const t of [
      { tag: 'input', type: 'range' },
      { tag: 'button', role: 'radio' },
      { tag: 'div', ownsArrows: true },
    ]) {
      for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']) expect(takes(key, t)).toBe(true);
    }
    expect(takes(' ', { tag: 'input', type: 'range' })).toBe(false);
    expect(takes(' ', { tag: 'div', ownsArrows: true })).toBe(false);
    expect(takes(' ', { tag: 'button', role: 'radio' })).toBe(true);
  });

  it('text fields and pickers keep every key; nothing focused leaves every key to the page', () => {
    for (const t of [
      { tag: 'input' },
      { tag: 'input', type: 'number' },
      { tag: 'textarea' },
      { tag: 'select' },
      { tag: 'div', editable: true },
    ]) {
      for (const key of [' ', 'a', '1', 'ArrowLeft', 'Escape']) expect(takes(key, t)).toBe(true);
    }
    for (const key of [' ', 'a', 'ArrowLeft', 'Escape', 'Enter']) expect(takes(key, null)).toBe(false);
    expect(takes('a', { tag: 'h2' })).toBe(false);
  });

  it('Esc belongs to an open dialog before the class demo', () => {
    expect(takes('Escape', { tag: 'button', inDialog: true })).toBe(true);
    expect(takes('Escape', { tag: 'button' })).toBe(false);
  });
});

describe('keys of a focused waveform view', () => {
  // A 10 s axis zoomed so 2 s show, from 4 s.
  const zoomed: WaveKeyState = { time: 5, duration: 10, loop: null, window: { t0: 4, t1: 6, pxPerSec: 400 } };
  const fit: WaveKeyState = { ...zoomed, window: { t0: 0, t1: 10, pxPerSec: 80 } };

  it('seeks by 1 s, 0.1 s with Shift, 0.01 s with Ctrl, to the ends with Home/End, never past the axis', () => {
    expect(waveKeyAction({ key: 'ArrowRight' }, zoomed)).toEqual({ seek: 6 });
    expect(waveKeyAction({ key: 'ArrowLeft', shiftKey: true }, zoomed)).toEqual({ seek: 4.9 });
    expect(waveKeyAction({ key: 'ArrowRight', ctrlKey: true }, zoomed)).toEqual({ seek: 5.01 });
    expect(waveKeyAction({ key: 'Home' }, zoomed)).toEqual({ seek: 0 });
    expect(waveKeyAction({ key: 'End' }, zoomed)).toEqual({ seek: 10 });
    expect(waveKeyAction({ key: 'ArrowRight' }, { ...zoomed, time: 9.5 })).toEqual({ seek: 10 });
    expect(waveKeyAction({ key: 'ArrowLeft', altKey: true }, zoomed)).toBeNull(); // the browser's "back"
  });

  it('scrolls a zoomed view by half its width with ↑/↓, and leaves them alone when it is not zoomed', () => {
    expect(waveKeyAction({ key: 'ArrowUp' }, zoomed)).toEqual({ scroll: 5 });
    expect(waveKeyAction({ key: 'ArrowDown' }, zoomed)).toEqual({ scroll: 3 });
    expect(waveKeyAction({ key: 'ArrowUp' }, { ...zoomed, window: { t0: 7.5, t1: 9.5, pxPerSec: 400 } })).toEqual({ scroll: 8 });
    expect(waveKeyAction({ key: 'ArrowUp' }, fit)).toBeNull();
  });

  it('[ and ] set the loop in and out at the cursor, keeping the other end while it stays on its side', () => {
    expect(waveKeyAction({ key: '[' }, zoomed)).toEqual({ loop: { start: 5, end: 10 } });
    expect(waveKeyAction({ key: ']' }, zoomed)).toEqual({ loop: { start: 0, end: 5 } });
    const looped = { ...zoomed, loop: { start: 2, end: 7 } };
    expect(waveKeyAction({ key: '[' }, looped)).toEqual({ loop: { start: 5, end: 7 } });
    expect(waveKeyAction({ key: ']' }, looped)).toEqual({ loop: { start: 2, end: 5 } });
    expect(waveKeyAction({ key: '[' }, { ...looped, time: 8 })).toEqual({ loop: { start: 8, end: 10 } });
    expect(waveKeyAction({ key: ']' }, { ...looped, time: 1 })).toEqual({ loop: { start: 0, end: 1 } });
    expect(waveKeyAction({ key: '[' }, { ...zoomed, time: 10 })).toBeNull(); // an empty loop
    expect(waveKeyAction({ key: ']' }, { ...zoomed, time: 0 })).toBeNull();
  });

  it('a zoomed view follows a cursor that leaves it; a fitted view never scrolls', () => {
    expect(followCursor(5, zoomed.window, 10)).toBeNull();
    expect(followCursor(6.5, zoomed.window, 10)).toBeCloseTo(6.3, 12);
    expect(followCursor(1, zoomed.window, 10)).toBeCloseTo(0.8, 12);
    expect(followCursor(9.95, zoomed.window, 10)).toBe(8);
    expect(followCursor(9, fit.window, 10)).toBeNull();
  });
});

describe("a waveform view's description", () => {
  it('names the clip, its length and its peak, read from the drawn peaks', () => {
    const clip = new Float32Array(48_000 * 2);
    clip[30_000] = -0.5; // −6.0 dBFS
    const { peaks } = viewPeaks([clip], 48_000, 3, 0.5);
    expect(viewDescription('Dry pistol · as recorded', 2, peaks)).toBe('Dry pistol · as recorded; 2.0 s long, peak −6.0 dBFS');
    expect(viewDescription('', 2, [new Float32Array(8)])).toBe('2.0 s long, silent');
    expect(viewDescription('Dry pistol', null, null)).toBe('Dry pistol; not loaded yet');
  });
});
