import { expect, waitUntil } from '@open-wc/testing';
import type { CspFrame } from './fixtures/csp-app.js';
import { deleteDatabase, uniqueName } from './helpers.js';

/** The policy index.html ships, read from the file itself. */
async function pagePolicy(): Promise<string> {
  const html = await (await fetch('/index.html')).text();
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  if (!policy) throw new Error('index.html has no Content-Security-Policy meta tag');
  return policy;
}

describe('Content Security Policy', () => {
  const dbName = uniqueName('comet-db');
  let frame: HTMLIFrameElement;
  after(async () => {
    const { app } = (frame.contentWindow as unknown as { cspFrame: CspFrame }).cspFrame;
    await app.platform.ready;
    app.platform.dispose();
    frame.remove();
    await deleteDatabase(dbName);
  });

  it('runs the shell, every view, the inspector and the dialogs without a single violation', async () => {
    const policy = await pagePolicy();
    expect(policy).to.contain("style-src 'self'").and.not.contain('unsafe-inline');
    frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="${policy}">
      <link rel="stylesheet" href="/node_modules/@awesome.me/webawesome/dist/styles/themes/default.css">
      <script type="module" src="/test/ui/fixtures/csp-app.ts"></script></head><body></body></html>`;
    frame.name = dbName; // the frame's app uses it for its database and channel
    document.body.append(frame);
    await waitUntil(() => frame.contentWindow && 'cspFrame' in frame.contentWindow, 'the app never started', {
      timeout: 8000,
    });
    const win = frame.contentWindow!;
    const { app, violations } = (win as unknown as { cspFrame: CspFrame }).cspFrame;
    const rendered = (tag: string) =>
      waitUntil(
        () => app.shadowRoot?.querySelector('comet-outlet')?.shadowRoot?.querySelector(tag),
        `${tag} never rendered`,
        {
          timeout: 5000,
        },
      );
    await app.platform.ready;
    await rendered('comet-home-view');

    for (const page of ['appearance', 'developer', 'about', 'storage']) {
      win.location.hash = `#/settings/${page}`;
      await waitUntil(
        () =>
          app
            .shadowRoot!.querySelector('comet-outlet')!
            .shadowRoot!.querySelector('comet-settings-view')
            ?.shadowRoot?.querySelector(`comet-settings-${page}`),
        `settings page ${page} never rendered`,
        { timeout: 5000 },
      );
    }
    const storage = app
      .shadowRoot!.querySelector('comet-outlet')!
      .shadowRoot!.querySelector('comet-settings-view')!
      .shadowRoot!.querySelector('comet-settings-storage')!;
    await storage.updateComplete;
    const deleteDialog = storage.shadowRoot!.querySelector('comet-delete-data-dialog')!;
    deleteDialog.show();
    await waitUntil(() =>
      deleteDialog.shadowRoot!.querySelector('wa-dialog')?.shadowRoot?.querySelector('dialog[open]'),
    );

    for (const hash of ['#/workflows', '#/workflows/new', '#/workflows/runs']) {
      win.location.hash = hash;
      await rendered('comet-workflows-view');
    }
    win.location.hash = '#/no-such-page';
    await rendered('comet-not-found-view');
    app.platform.updateSettings({ debug: true, theme: 'dark' });
    await waitUntil(() => app.shadowRoot!.querySelector('comet-inspector'), 'the inspector never opened', {
      timeout: 5000,
    });
    app.platform.bus.publish('bus.ping', { from: 'csp test' });
    app.platform.toasts.show({ variant: 'danger', title: 'A toast', message: 'with a dismiss button' });
    win.dispatchEvent(new (win as typeof window).KeyboardEvent('keydown', { key: '?', code: 'Slash', shiftKey: true }));
    await waitUntil(() =>
      app.shadowRoot!.querySelector('comet-shortcuts-dialog')?.shadowRoot?.querySelector('wa-dialog[open]'),
    );
    // Let icons load and animations start: violations are reported asynchronously.
    await new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));

    expect(violations).to.deep.equal([]);
  });
});
