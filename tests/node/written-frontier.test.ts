import { expect, it } from 'vitest';
import { WrittenFrontier } from '../../src/render/written-frontier';

it('is the frames written from the start in every channel, blocks of a split channel arriving from two places', () => {
  const f = new WrittenFrontier(2);
  expect(f.add(0, 0, 100)).toBe(0); // the right channel has nothing yet
  expect(f.add(1, 0, 60)).toBe(60);
  // Channel 0's second half, from another worker, before its first half is done: not counted yet.
  expect(f.add(0, 500, 100)).toBe(60);
  expect(f.add(0, 600, 100)).toBe(60);
  expect(f.add(1, 60, 640)).toBe(100);
  expect(f.add(0, 100, 200)).toBe(300);
  expect(f.add(0, 300, 200)).toBe(700); // the gap closed: both runs join
  expect(f.frames).toBe(700);
});
