import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ui/inspector/comet-inspector.js';
import type { CometInspector } from '../../src/ui/inspector/comet-inspector.js';
import type { Platform } from '../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from './helpers.js';

describe('<comet-inspector>', () => {
  let platform: Platform;
  before(setUpTheme);
  beforeEach(() => (platform = testPlatform()));
  afterEach(async () => {
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  async function inspector(): Promise<CometInspector> {
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}><comet-inspector></comet-inspector></comet-test-provider>`,
    );
    const el = provider.querySelector('comet-inspector')!;
    await el.updateComplete;
    return el;
  }

  it('shows bus events as they happen, newest first, with their topic and origin', async () => {
    const el = await inspector();
    const events = el.shadowRoot!.querySelector('comet-inspector-events')!;
    platform.bus.publish('bus.ping', { from: 'test', note: 'first' });
    platform.bus.publish('bus.ping', { from: 'test', note: 'second' });
    await waitUntil(() => events.shadowRoot!.textContent.includes('second'), 'the events never showed');
    const rows = [...events.shadowRoot!.querySelectorAll('.row')].map((r) => r.textContent);
    const pings = rows.filter((r) => r.includes('bus.ping'));
    expect(pings[0]).to.contain('second');
    expect(pings[0]).to.contain('this tab');
    await expect(el).to.be.accessible();
  });

  it('shows the store’s state, live', async () => {
    const el = await inspector();
    const store = el.shadowRoot!.querySelector('comet-inspector-store')!;
    platform.updateSettings({ theme: 'dark' });
    await waitUntil(() => store.shadowRoot!.querySelector('pre')?.textContent?.includes('"theme": "dark"'));
  });

  it('lists log entries with their level and source', async () => {
    const el = await inspector();
    el.shadowRoot!.querySelector<HTMLElement>('wa-tab[panel="log"]')!.click();
    const log = el.shadowRoot!.querySelector('comet-inspector-log')!;
    platform.log.warn('test', 'a warning the inspector must show');
    await waitUntil(() => log.shadowRoot!.textContent.includes('a warning the inspector must show'));
  });

  it('resizes from the keyboard on its separator', async () => {
    const el = await inspector();
    const handle = el.shadowRoot!.querySelector<HTMLElement>('[role="separator"]')!;
    const before = el.height;
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    await el.updateComplete;
    expect(el.height).to.be.greaterThan(before);
    expect(el.style.getPropertyValue('--inspector-height')).to.equal(`${el.height}px`);
  });
});
