/**
 * A view frees the pixels of the canvases wavesurfer.js drops from its tree at each redraw
 * (detached, they kept them until the page's collector ran); canvases still shown keep theirs.
 */
import { expect, it } from 'vitest';
import { releaseDroppedCanvases } from '../../src/ui/wave-draw';

const canvas = () => Object.assign(document.createElement('canvas'), { width: 600, height: 128 });

it('zeroes the canvases dropped from the tree, and only those', async () => {
  const root = document.body.appendChild(document.createElement('div'));
  const slice = root.appendChild(document.createElement('div'));
  const [a, b, kept] = [slice.appendChild(canvas()), slice.appendChild(canvas()), root.appendChild(canvas())];
  const stop = releaseDroppedCanvases(root);
  root.removeChild(slice); // as wavesurfer's innerHTML = '' drops a channel's container
  await Promise.resolve();
  expect([a.width, a.height, b.width, b.height]).toEqual([0, 0, 0, 0]);
  expect([kept.width, kept.height]).toEqual([600, 128]);
  // A canvas moved within the tree is still shown: left as it is.
  const moved = slice.appendChild(canvas());
  root.appendChild(slice);
  root.removeChild(slice);
  root.appendChild(slice);
  await Promise.resolve();
  expect(moved.width).toBe(600);
  stop(); // the view is gone: every canvas left in it is freed too
  expect([kept.width, moved.width]).toEqual([0, 0]);
  root.remove();
});
