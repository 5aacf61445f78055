/**
 * The page's first script, a chunk of its own that runs before the app's entry chunk has
 * arrived and run (scripts/early-entry.ts puts it first in index.html): it starts what the
 * first waveform waits for (src/state/early-loads.ts).
 */
import { markStartup } from './state/first-waveform';
import { startEarlyLoads } from './state/early-loads';

markStartup('early-start');
startEarlyLoads();
