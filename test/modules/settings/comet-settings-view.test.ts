import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/modules/settings/comet-settings-view.js';
import type { CometSettingsView } from '../../../src/modules/settings/comet-settings-view.js';
import type { Platform } from '../../../src/ui/platform.js';
import { createFutureDatabase, deleteDatabase, setUpTheme, testPlatform, uniqueName } from '../../ui/helpers.js';

describe('<comet-settings-view>', () => {
  let platform: Platform;
  before(setUpTheme);
  afterEach(async () => {
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
  });

  async function settings(rest: string[]): Promise<CometSettingsView> {
    const provider = await fixture(
      html`<comet-test-provider .platform=${platform}
        ><comet-settings-view .rest=${rest}></comet-settings-view
      ></comet-test-provider>`,
    );
    const view = provider.querySelector('comet-settings-view')!;
    await view.updateComplete;
    return view;
  }
  const section = <T extends keyof HTMLElementTagNameMap>(view: CometSettingsView, tag: T) =>
    view.shadowRoot!.querySelector(tag)!;

  it('explains, with what to try, that the database is unavailable', async () => {
    const dbName = uniqueName('comet-db');
    await createFutureDatabase(dbName);
    platform = testPlatform({ dbName });
    await platform.ready;
    const view = await settings(['storage']);
    const storage = section(view, 'comet-settings-storage');
    await storage.updateComplete;

    const callout = storage.shadowRoot!.querySelector('comet-database-callout')!;
    await callout.updateComplete;
    const text = callout.shadowRoot!.textContent;
    expect(text).to.contain('Your data was saved by a newer version');
    expect(text).to.contain('Reload the page');
    expect(storage.shadowRoot!.textContent).to.contain('running on memory');
    await expect(view).to.be.accessible();
  });

  it('shows Appearance first, and each page at its own link', async () => {
    platform = testPlatform();
    const view = await settings([]);
    expect(section(view, 'comet-settings-appearance')).to.exist;
    view.rest = ['about'];
    await view.updateComplete;
    expect(section(view, 'comet-settings-about')).to.exist;
    await expect(view).to.be.accessible();
  });

  it('turns debug mode on from Developer', async () => {
    platform = testPlatform();
    await platform.ready;
    const view = await settings(['developer']);
    const developer = section(view, 'comet-settings-developer');
    await developer.updateComplete;
    developer.shadowRoot!.querySelector('wa-switch')!.shadowRoot!.querySelector('input')!.click();
    await waitUntil(() => platform.store.getState().settings.debug, 'debug mode never turned on');
    await expect(view).to.be.accessible();
  });

  it('checks that workers run, from Developer, and reports start-up and call times', async () => {
    platform = testPlatform();
    await platform.ready;
    const view = await settings(['developer']);
    const developer = section(view, 'comet-settings-developer');
    await developer.updateComplete;
    const button = [...developer.shadowRoot!.querySelectorAll<HTMLElement>('wa-button')].find((b) =>
      b.textContent.includes('Check workers'),
    )!;
    button.click();
    await waitUntil(() => developer.shadowRoot!.querySelector('.result'), 'the worker check never finished', {
      timeout: 10000,
    });
    expect(developer.shadowRoot!.querySelector('.result')!.textContent.replace(/\s+/g, ' ')).to.match(
      /one started in \d+ ms, and a call takes \d+\.\d\d ms \(median of 50\)/,
    );
    expect(platform.workers.list(), 'the checked worker is still running').to.have.length(0);
    await expect(view).to.be.accessible();
  });

  it('asks for persistent storage from “Keep data on this device” and shows the answer', async () => {
    platform = testPlatform();
    await platform.ready;
    const view = await settings(['storage']);
    const storage = section(view, 'comet-settings-storage');
    await storage.updateComplete;
    const button = [...storage.shadowRoot!.querySelectorAll<HTMLElement>('wa-button')].find((b) =>
      b.textContent.includes('Keep data on this device'),
    )!;
    button.click();
    await waitUntil(() => platform.store.getState().platform.persistence.asked, 'the browser was never asked');
    await storage.updateComplete;
    const { result } = platform.store.getState().platform.persistence;
    expect(storage.shadowRoot!.textContent).to.contain(`: ${result}.`);
  });

  it('deletes all local data only once DELETE is typed', async () => {
    platform = testPlatform();
    await platform.ready;
    platform.updateSettings({ theme: 'dark' });
    await platform.store.flush();
    const view = await settings(['storage']);
    const storage = section(view, 'comet-settings-storage');
    await storage.updateComplete;
    const dialog = storage.shadowRoot!.querySelector('comet-delete-data-dialog')!;
    dialog.show();
    await dialog.updateComplete;
    const confirm = () =>
      [...dialog.shadowRoot!.querySelectorAll<HTMLElement & { disabled: boolean }>('wa-button')].find((b) =>
        b.textContent.includes('Delete and reload'),
      )!;
    expect(confirm().disabled).to.be.true;
    await expect(dialog).to.be.accessible();

    const input = dialog.shadowRoot!.querySelector<HTMLInputElement>('wa-input')!;
    input.value = 'delete';
    input.dispatchEvent(new InputEvent('input'));
    await dialog.updateComplete;
    expect(confirm().disabled).to.be.true;
    input.value = 'DELETE';
    input.dispatchEvent(new InputEvent('input'));
    await dialog.updateComplete;
    expect(confirm().disabled).to.be.false;
  });
});
