import { expect } from '@open-wc/testing';
import { changeSettings, defaultSettings, settingsSlice, syncSettings } from '../../src/ui/settings.js';

describe('settings slice', () => {
  it('restores what was saved, filling fields a newer release added', () => {
    expect(settingsSlice.restore!({ theme: 'dark' })).to.deep.equal({ theme: 'dark', debug: false });
  });

  it('falls back to the defaults for a saved theme it does not know', () => {
    expect(settingsSlice.restore!({ theme: 'sepia', debug: true })).to.equal(undefined);
  });

  it('keeps the same state object when a change changes nothing (no save, no broadcast)', () => {
    const state = { ...defaultSettings };
    expect(settingsSlice.reducer(state, changeSettings({ theme: 'system' }))).to.equal(state);
    expect(settingsSlice.reducer(state, syncSettings({ theme: 'dark', debug: false }))).to.deep.equal({
      theme: 'dark',
      debug: false,
    });
  });
});
