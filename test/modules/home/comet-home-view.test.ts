import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/home/comet-home-view.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

describe('<comet-home-view>', () => {
  let platform: Platform;
  before(setUpTheme);
  beforeEach(() => (platform = testPlatform()));
  afterEach(async () => {
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  it('shows how the platform stands: database and its schema, storage, offline use, version', async () => {
    await platform.ready;
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}><comet-home-view></comet-home-view></comet-test-provider>`,
    );
    const view = provider.querySelector('comet-home-view')!;
    await view.updateComplete;
    const text = () => view.shadowRoot!.textContent.replace(/\s+/g, ' ');
    const { database } = platform.store.getState().platform;
    expect(database.state).to.equal('open');
    expect(text()).to.contain(`${platform.dbName}, schema version ${database.state === 'open' && database.version}`);
    expect(text()).to.contain('Online only'); // no service worker in this test
    expect(text()).to.contain('Version test');
    await waitUntil(() => view.shadowRoot!.querySelector('comet-storage-meter')?.storage, 'no storage estimate');
    await expect(view).to.be.accessible();
  });
});
