import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/ui/comet-app.js';
import type { CometApp } from '../../src/ui/comet-app.js';
import type { CometOutlet } from '../../src/ui/comet-outlet.js';
import { routes } from '../../src/ui/routes.js';
import { deleteDatabase, setUpTheme, testPlatformOptions } from './helpers.js';

/** The element the outlet shows, once it is `tag`. */
async function view(app: CometApp, tag: string): Promise<HTMLElement> {
  const outlet = app.shadowRoot!.querySelector<CometOutlet>('comet-outlet')!;
  // Views are lazy chunks: under a loaded CI machine the first import of one can take more than a second.
  await waitUntil(() => outlet.shadowRoot?.querySelector(tag), `${tag} is never shown`, { timeout: 5000 });
  const el = outlet.shadowRoot!.querySelector<HTMLElement>(tag)!;
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** Sets the hash and waits for the router to see it. */
async function go(hash: string): Promise<void> {
  const changed = oneEvent(window, 'hashchange');
  location.hash = hash;
  await changed;
}

describe('<comet-app>', () => {
  let app: CometApp;
  before(setUpTheme);
  afterEach(async () => {
    const { platform } = app;
    await platform.ready;
    platform.dispose();
    await deleteDatabase(platform.dbName);
    history.replaceState(null, '', location.pathname + location.search);
  });

  async function start(hash = ''): Promise<CometApp> {
    history.replaceState(null, '', location.pathname + location.search + hash);
    app = await fixture<CometApp>(html`<comet-app .platformOptions=${testPlatformOptions()}></comet-app>`);
    await app.platform.ready;
    return app;
  }

  it('renders the view a deep link names, down to the settings page', async () => {
    await start('#/settings/storage');
    const settings = await view(app, 'comet-settings-view');
    await waitUntil(() => settings.shadowRoot!.querySelector('comet-settings-storage'));
    const current = app.shadowRoot!.querySelector('comet-nav')!.shadowRoot!.querySelector('[aria-current="page"]');
    expect(current?.textContent).to.contain('Settings');
    expect(document.title).to.equal('Settings · CometPlatform');
    await expect(app).to.be.accessible();
  });

  it('goes back and forward through the views it visited', async () => {
    await start('#/');
    await view(app, 'comet-home-view');
    await go('#/settings');
    await view(app, 'comet-settings-view');

    const back = oneEvent(window, 'hashchange');
    history.back();
    await back;
    await view(app, 'comet-home-view');

    const forward = oneEvent(window, 'hashchange');
    history.forward();
    await forward;
    await view(app, 'comet-settings-view');
  });

  it('shows a not-found view with a link home for a route that does not exist', async () => {
    await start('#/no/such/page');
    const notFound = await view(app, 'comet-not-found-view');
    expect(notFound.shadowRoot!.textContent).to.contain('#/no/such/page');
    const home = notFound.shadowRoot!.querySelector<HTMLAnchorElement>('a.home')!;
    expect(home.getAttribute('href')).to.equal('#/');
    await expect(app).to.be.accessible();
  });

  it('moves focus to the new view’s heading after a navigation', async () => {
    await start('#/');
    await view(app, 'comet-home-view');
    await go('#/settings');
    const settings = await view(app, 'comet-settings-view');
    await waitUntil(() => settings.shadowRoot!.activeElement?.tagName === 'H1', 'the heading never took focus');
  });

  it('navigates with Alt+<its place in the navigation> and lists its shortcuts on ?', async () => {
    await start('#/');
    await view(app, 'comet-home-view');
    const changed = oneEvent(window, 'hashchange');
    const digit = String(routes.findIndex((r) => r.path === 'settings') + 1);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: digit, code: `Digit${digit}`, altKey: true }));
    await changed;
    await view(app, 'comet-settings-view');

    window.dispatchEvent(new KeyboardEvent('keydown', { key: '?', code: 'Slash', shiftKey: true }));
    await waitUntil(() => app.shadowRoot!.querySelector('comet-shortcuts-dialog'));
    const dialog = app.shadowRoot!.querySelector('comet-shortcuts-dialog')!;
    await waitUntil(() => dialog.shadowRoot?.querySelector('wa-dialog[open]'), 'the dialog never opened');
    expect(dialog.shadowRoot!.textContent).to.contain('Go to Settings');
    // Keys a view handles itself are listed under its name.
    expect(dialog.shadowRoot!.textContent).to.contain('Workflows: Run the workflow');
  });

  it('opens the inspector when debug mode is turned on, and closes it from its close button', async () => {
    await start('#/');
    app.platform.updateSettings({ debug: true });
    await waitUntil(() => app.shadowRoot!.querySelector('comet-inspector'), 'the inspector never appeared');
    const inspector = app.shadowRoot!.querySelector('comet-inspector')!;
    await inspector.updateComplete;
    inspector.shadowRoot!.querySelector<HTMLButtonElement>('button.close')!.click();
    await app.updateComplete;
    expect(app.shadowRoot!.querySelector('comet-inspector')).to.equal(null);
  });

  it('skips to the main content without touching the route', async () => {
    await start('#/settings');
    await view(app, 'comet-settings-view');
    app.shadowRoot!.querySelector<HTMLAnchorElement>('.skip-link')!.click();
    expect(app.shadowRoot!.activeElement?.id).to.equal('main');
    expect(location.hash).to.equal('#/settings');
  });

  it('exposes its platform read-only', async () => {
    await start('#/');
    const { platform } = app;
    expect(() => ((app as unknown as { platform: unknown }).platform = {})).to.throw(TypeError);
    expect(app.platform).to.equal(platform);
  });
});
