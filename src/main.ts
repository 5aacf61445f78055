import { mount } from 'svelte';
import App from './App.svelte';
import { LabState } from './state/lab.svelte';
import './ui/theme.css';
import { FIRST_WAVEFORM_WAIT_MS, firstWaveformDrawn, markStartup } from './state/first-waveform';
import { registerOfflineCacheAfter } from './offline-cache';

markStartup('module');

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const lab = new LabState();
// Reading IndexedDB and fetching the clip overlap the UI's first mount (bench figure 2).
lab.beginLoading();
const app = mount(App, { target, props: { lab } });
markStartup('mounted');
registerOfflineCacheAfter(lab.slotsLoaded.then(() => firstWaveformDrawn(FIRST_WAVEFORM_WAIT_MS)));
// The render workers and their WebAssembly start once the clip is on screen, not with B's first
// render; the pool's code loads then too (it is not part of the entry chunk).
void firstWaveformDrawn(FIRST_WAVEFORM_WAIT_MS)
  .then(() => import('./render/render-pool'))
  .then((m) => m.warmRenderPool());
export default app;
