/**
 * The floor for figure 2: a page that only fetches and decodes the lab's default clip and
 * draws it with wavesurfer.js the way WaveformView does — no Tone.js, no Svelte, no
 * player, no render. What the real app takes beyond this is the lab's own start-up cost.
 */
import WaveSurfer from 'wavesurfer.js';
import { fetchAndDecode } from '../../src/audio/decode';
import { viewPeaks } from '../../src/ui/waveform-peaks';
import { findSample } from '../../src/samples/catalog';
import { channelViews } from '../../src/audio/buffer-channels';

const entry = findSample('gm-gunshot-canned');
if (!entry) throw new Error('bundled clip gm-gunshot-canned is missing');
const { buffer } = await fetchAndDecode(entry.url, entry.title);
const channels = channelViews(buffer);
const { peaks } = viewPeaks(channels, buffer.sampleRate, buffer.duration);
const ws = WaveSurfer.create({
  container: document.getElementById('wave')!,
  height: 128,
  waveColor: '#4a9',
  progressColor: '#4a9',
  normalize: false,
  hideScrollbar: true,
});
ws.once('redrawcomplete', () => performance.mark('first-waveform'));
await ws.load('', peaks, buffer.duration);
