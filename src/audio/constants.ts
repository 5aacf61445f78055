/**
 * Every clip is decoded and rendered at this rate, so analysis, renders and views
 * share one time base whatever rate a file came in at (the UI says when it resampled).
 * 48 kHz is the film and video production rate.
 */
export const LAB_SAMPLE_RATE = 48_000;

/** A/B switch: equal-power crossfade length, seconds. Short enough to feel instant, long enough not to click. */
export const AB_CROSSFADE_SECONDS = 0.008;

/** Ramp for live parameter changes and on/off toggles, seconds: avoids zipper noise and clicks. */
export const PARAM_RAMP_SECONDS = 0.03;

/** Wait after the last settings change before B is re-rendered offline, milliseconds. */
export const RERENDER_DEBOUNCE_MS = 250;

/**
 * Frames by which the chain delays its input, always: DynamicsCompressorNode looks
 * ahead 6 ms (288 frames at 48 kHz, measured in Chromium; a browser test keeps this
 * honest). The bypass path is delayed to match, so toggling compression never shifts
 * time, and A is delayed by the same amount so A, B and A − B line up.
 */
export const CHAIN_LATENCY_FRAMES = 288;
