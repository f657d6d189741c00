import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/modules/settings/comet-settings-appearance.js';
import type { Platform } from '../../src/ui/platform.js';
import { ThemeController } from '../../src/ui/theme-controller.js';
import { resolveTheme } from '../../src/ui/theme.js';
import { LitElement } from 'lit';
import { deleteDatabase, setUpTheme, testPlatform } from './helpers.js';

/** A host that applies the platform's theme setting, as <comet-app> does. */
class ThemedHost extends LitElement {
  platform?: Platform;
  readonly theme = new ThemeController(this);
  #stop?: () => void;
  override connectedCallback() {
    super.connectedCallback();
    this.#stop = this.platform?.store.select(
      (s) => s.settings.theme,
      (t) => this.theme.set(t),
    );
  }
  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#stop?.();
  }
}
customElements.define('comet-themed-host', ThemedHost);

describe('theme', () => {
  let platform: Platform;
  before(setUpTheme);
  beforeEach(() => (platform = testPlatform()));
  afterEach(async () => {
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
    document.documentElement.classList.remove('wa-dark', 'wa-light');
  });

  it('follows the system unless a scheme is picked', () => {
    expect(resolveTheme('system', true)).to.equal('dark');
    expect(resolveTheme('system', false)).to.equal('light');
    expect(resolveTheme('light', true)).to.equal('light');
    expect(resolveTheme('dark', false)).to.equal('dark');
  });

  it('turns the page dark when Dark is picked in Settings › Appearance, and stays accessible', async () => {
    const host = await fixture<ThemedHost>(html`<comet-themed-host .platform=${platform}></comet-themed-host>`);
    host.theme.set('light');
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}
        ><comet-settings-appearance></comet-settings-appearance
      ></comet-test-provider>`,
    );
    const section = provider.querySelector('comet-settings-appearance')!;
    await section.updateComplete;
    const dark = section.shadowRoot!.querySelector<HTMLElement>('wa-radio[value="dark"]')!;
    dark.click();

    await waitUntil(() => document.documentElement.classList.contains('wa-dark'), 'the page never turned dark');
    expect(platform.store.getState().settings.theme).to.equal('dark');
    expect(getComputedStyle(document.documentElement).getPropertyValue('--comet-bg').trim()).to.equal('#111319');
    expect(getComputedStyle(document.body).colorScheme).to.equal('dark');
    await expect(section).to.be.accessible();
  });
});
