/**
 * What an impulse response with more than two channels means to the reverb. Web Audio's
 * ConvolverNode takes 1, 2 or 4 channels (4 = "true stereo": left→left, left→right,
 * right→left, right→right) and throws on any other count, so:
 * - 1, 2, 4: used as they are;
 * - 3 (L R C), 5 (L R C Ls Rs), 6 (5.1: L R C LFE Ls Rs) and 8 (7.1: L R C LFE Ls Rs Lb Rb),
 *   the WAV channel orders: mixed down to stereo with ITU-R BS.775's coefficients —
 *   centre and each surround at −3 dB into its side, the LFE left out;
 * - any other count: the first two channels (there is no standard layout to mix).
 */
import type { Channels } from '../analysis/levels';

/** −3 dB, BS.775's weight for the centre and surround channels in a stereo down-mix. */
const MINUS_3_DB = Math.SQRT1_2;

/** For each layout, the channels summed into left and right (LFE: none). */
const LAYOUTS: Record<number, { name: string; left: [number, number][]; right: [number, number][] }> = {
  3: {
    name: '3.0 (L R C)',
    left: [
      [0, 1],
      [2, MINUS_3_DB],
    ],
    right: [
      [1, 1],
      [2, MINUS_3_DB],
    ],
  },
  5: {
    name: '5.0 (L R C Ls Rs)',
    left: [
      [0, 1],
      [2, MINUS_3_DB],
      [3, MINUS_3_DB],
    ],
    right: [
      [1, 1],
      [2, MINUS_3_DB],
      [4, MINUS_3_DB],
    ],
  },
  6: {
    name: '5.1',
    left: [
      [0, 1],
      [2, MINUS_3_DB],
      [4, MINUS_3_DB],
    ],
    right: [
      [1, 1],
      [2, MINUS_3_DB],
      [5, MINUS_3_DB],
    ],
  },
  8: {
    name: '7.1',
    left: [
      [0, 1],
      [2, MINUS_3_DB],
      [4, MINUS_3_DB],
      [6, MINUS_3_DB],
    ],
    right: [
      [1, 1],
      [2, MINUS_3_DB],
      [5, MINUS_3_DB],
      [7, MINUS_3_DB],
    ],
  },
};

/** Channel counts a ConvolverNode accepts as they are. */
export const CONVOLVER_CHANNELS = [1, 2, 4];

/** What happens to an IR of `count` channels, in words (undefined when nothing does). */
export function irChannelPlan(count: number): string | undefined {
  if (CONVOLVER_CHANNELS.includes(count)) return undefined;
  const layout = LAYOUTS[count];
  return layout
    ? `it has ${count} channels, read as ${layout.name} and mixed down to stereo (ITU-R BS.775: centre and surrounds at −3 dB${count === 6 || count === 8 ? ', LFE left out' : ''})`
    : `it has ${count} channels and no standard layout to mix, so its first two are used as left and right`;
}

function mix(channels: Channels, terms: [number, number][]): Float32Array<ArrayBuffer> {
  const out = new Float32Array(channels[0].length);
  for (const [c, gain] of terms) {
    const x = channels[c];
    for (let i = 0; i < out.length; i++) out[i] += gain * x[i];
  }
  return out;
}

/** The IR's channels as the reverb can use them (see the module comment); unchanged for 1, 2 or 4. */
export function convolverChannels(channels: Channels): Float32Array[] {
  if (CONVOLVER_CHANNELS.includes(channels.length)) return [...channels];
  const layout = LAYOUTS[channels.length];
  return layout ? [mix(channels, layout.left), mix(channels, layout.right)] : [channels[0].slice(), channels[1].slice()];
}
