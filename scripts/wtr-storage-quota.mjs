// A @web/test-runner command, `set-storage-quota`, that sets the test page's storage quota through the Chrome
// DevTools Protocol. Chromium then fails writes past it with its own QuotaExceededError, so quota handling is
// tested against the real thing. `{ bytes }` sets the quota; `{ bytes: null }` restores the browser's own.
// The override lives as long as the DevTools session, so the session is kept until the quota is restored.

/** The plugin for web-test-runner.config.mjs. */
export function storageQuotaPlugin() {
  const sessions = new Map();
  return {
    name: 'storage-quota',
    async executeCommand({ command, payload, session }) {
      if (command !== 'set-storage-quota') return undefined;
      const page = session.browser.getPage(session.id);
      const origin = new URL(page.url()).origin;
      let cdp = sessions.get(session.id);
      if (payload?.bytes == null) {
        if (cdp) await cdp.send('Storage.overrideQuotaForOrigin', { origin });
        await cdp?.detach();
        sessions.delete(session.id);
        return true;
      }
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        sessions.set(session.id, cdp);
      }
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: payload.bytes });
      return true;
    },
  };
}
