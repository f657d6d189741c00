import { expect, fixture, html } from '@open-wc/testing';
import { ManualClock } from '../../src/core/clock.js';
import { CometError } from '../../src/core/errors.js';
import '../../src/ui/comet-toaster.js';
import type { CometToaster } from '../../src/ui/comet-toaster.js';
import type { Platform } from '../../src/ui/platform.js';
import { DEFAULT_TOAST_MS } from '../../src/ui/toasts.js';
import { deleteDatabase, setUpTheme, testPlatform } from './helpers.js';

describe('<comet-toaster>', () => {
  let platform: Platform;
  let clock: ManualClock;
  before(setUpTheme);
  beforeEach(() => {
    clock = new ManualClock(Date.now());
    platform = testPlatform({ clock });
  });
  afterEach(async () => {
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  async function toaster(): Promise<CometToaster> {
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}><comet-toaster></comet-toaster></comet-test-provider>`,
    );
    const el = provider.querySelector('comet-toaster')!;
    await el.updateComplete;
    return el;
  }
  const shown = (el: CometToaster) => [...el.shadowRoot!.querySelectorAll('.toast')];

  it('keeps an error on screen, announced as an alert, until it is dismissed', async () => {
    const el = await toaster();
    platform.toasts.error(new CometError('storage-quota', { what: 'your settings' }), 'Storage is full');
    await el.updateComplete;
    clock.advance(DEFAULT_TOAST_MS * 10);
    await el.updateComplete;
    const toast = shown(el)[0];
    expect(toast?.closest('[role="alert"]')).to.exist;
    expect(toast?.textContent).to.contain('storage quota is full');
    await expect(el).to.be.accessible();

    toast.querySelector<HTMLElement>('wa-button.close')!.click();
    await el.updateComplete;
    expect(shown(el)).to.have.length(0);
  });

  it('lets an information toast go by itself, politely announced', async () => {
    const el = await toaster();
    platform.toasts.show({ title: 'Saved' });
    await el.updateComplete;
    expect(shown(el)[0]?.closest('[role="status"]')).to.exist;
    clock.advance(DEFAULT_TOAST_MS);
    await el.updateComplete;
    expect(shown(el)).to.have.length(0);
  });

  it('counts a repeated toast instead of stacking copies', async () => {
    const el = await toaster();
    platform.toasts.show({ variant: 'warning', title: 'Offline' });
    platform.toasts.show({ variant: 'warning', title: 'Offline' });
    await el.updateComplete;
    expect(shown(el)).to.have.length(1);
    expect(shown(el)[0].textContent).to.contain('×2');
  });
});
