/**
 * Tone.js warns 'The AudioContext is "suspended"' whenever a source starts on a context
 * that is not running — on every offline render (a Tone Context over an
 * OfflineAudioContext is suspended until it renders) and before the user's first click.
 * The lab says that in its own words; the console should not fill with it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debug } from 'tone';
import { renderProcessed } from '../../src/audio/engine';
import { defaultSettings } from '../../src/audio/settings';
import { clickBuffer } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('Tone.js console warnings', () => {
  it('an offline render of B prints no "AudioContext is suspended" warning; other Tone warnings still show', async () => {
    const warn = vi.spyOn(console, 'warn');
    const settings = defaultSettings('');
    settings.reverb.enabled = false;
    await renderProcessed(clickBuffer(0.2, 0.05), null, settings);
    await renderProcessed(clickBuffer(0.2, 0.05), null, { ...settings, compressor: { ...settings.compressor, enabled: true } });
    const suspended = warn.mock.calls.filter((args) => String(args[0]).includes('AudioContext is "suspended"'));
    expect(suspended).toEqual([]);
    debug.warn('a different Tone warning');
    expect(warn).toHaveBeenLastCalledWith('a different Tone warning');
  });
});
