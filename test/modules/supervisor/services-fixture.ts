// A real platform on its own database with the supervisor's services on a ManualClock, and the element under test
// mounted inside a platform provider, as <comet-supervisor-view> mounts its pages.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ManualClock } from '../../../src/core/clock.js';
import type { Principal } from '../../../src/core/supervisor/types.js';
import { supervisorServices, type SupervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

/** What a supervisor page test works with. */
export interface ServicesFixture {
  platform: Platform;
  services: SupervisorServices;
  clock: ManualClock;
  /** An agent principal with a grant of clock:read. */
  agent: Principal;
  /** Renders `template` inside a provider of the platform; returns the first element of `tag`. */
  mount<K extends keyof HTMLElementTagNameMap>(tag: K, template: TemplateResult): Promise<HTMLElementTagNameMap[K]>;
  close(): Promise<void>;
}

/** A Monday noon, UTC. */
export const START = Date.UTC(2026, 0, 5, 12);

/** Sets up the platform and services; call close() after the test. */
export async function servicesFixture(): Promise<ServicesFixture> {
  setUpTheme();
  const platform = testPlatform();
  await platform.ready;
  const clock = new ManualClock(START);
  const services = await supervisorServices(platform, { clock });
  const agent = services.principals.issue('agent', 'researcher', 'Research agent');
  await services.supervisor.grants.add({ principal: agent.id, scope: 'clock:read' });
  return {
    platform,
    services,
    clock,
    agent,
    async mount(tag, template) {
      const provider = await fixture(
        html`<comet-test-provider .platform=${platform}>${template}</comet-test-provider>`,
      );
      const element = provider.querySelector(tag)!;
      await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
      return element;
    },
    async close() {
      services.dispose();
      platform.dispose();
      await platform.ready;
      // dispose() closes the database once background work settles; deleting waits for that close.
      await deleteDatabase(platform.dbName);
    },
  };
}

/** Adds an enforced approval policy for clock.now with `timeoutMs`. */
export async function askForClock(services: SupervisorServices, timeoutMs = 60_000): Promise<void> {
  await services.supervisor.policies.put({
    id: 'ask-clock',
    name: 'Ask before reading the clock',
    mode: 'enforce',
    capability: 'clock.now',
    rule: { kind: 'approval', timeoutMs },
  });
}

/** The text of an element's shadow root, whitespace collapsed. */
export function shadowText(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The wa-button (in `root`'s shadow root) whose text contains `label`. */
export function button(root: Element, label: string): HTMLElement {
  const found = [...root.shadowRoot!.querySelectorAll<HTMLElement>('wa-button, button')].find((b) =>
    b.textContent.includes(label),
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

/**
 * Keeps the browser's "ResizeObserver loop completed with undelivered notifications" note from failing a test: the
 * virtualiser measures rows it has just added, within the frame; nothing failed (lit/lit#3154, where its maintainers
 * advise ignoring it in tests). The app's error boundary ignores it too. Returns the function that stops ignoring.
 */
export function ignoreResizeObserverLoop(): () => void {
  // Mocha reports through window.onerror, which runs before any listener added later: wrap it.
  const original = window.onerror;
  window.onerror = function (message, ...rest) {
    if (typeof message === 'string' && message.startsWith('ResizeObserver loop')) return true;
    return original ? (original.call(this, message, ...rest) as boolean) : false;
  };
  return () => {
    window.onerror = original;
  };
}

/** Resolves with the next link whose click() is called (a download), without following it. */
export function nextDownload(): Promise<HTMLAnchorElement> {
  // click() is HTMLElement's: shadow it on the anchor prototype for one call, then remove the shadow.
  const proto = HTMLAnchorElement.prototype;
  return new Promise((resolve) => {
    Object.defineProperty(proto, 'click', {
      configurable: true,
      value(this: HTMLAnchorElement) {
        delete (proto as Partial<HTMLAnchorElement>).click;
        resolve(this);
      },
    });
  });
}
