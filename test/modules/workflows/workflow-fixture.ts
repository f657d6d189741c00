// A real platform on its own database, the supervisor's services on a ManualClock, the workflow views' services on
// top, and helpers to mount a workflow element inside a platform provider and to type into it as a person would.
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ManualClock } from '../../../src/core/clock.js';
import { supervisorServices } from '../../../src/modules/supervisor/supervisor-services.js';
import { workflowServices, type WorkflowServices } from '../../../src/modules/workflows/services/workflow-services.js';
import type { Platform } from '../../../src/ui/platform.js';
import { deleteDatabase, setUpTheme, testPlatform } from '../../ui/helpers.js';

/** What a workflow view test works with. */
export interface WorkflowFixture {
  platform: Platform;
  services: WorkflowServices;
  clock: ManualClock;
  /** Renders `template` inside a provider of the platform; returns the first element of `tag`. */
  mount<K extends keyof HTMLElementTagNameMap>(tag: K, template: TemplateResult): Promise<HTMLElementTagNameMap[K]>;
  close(): Promise<void>;
}

/** A Monday, 09:00 UTC. */
export const START = Date.UTC(2026, 0, 5, 9);

/** Sets up the platform and services; call close() after the test. */
export async function workflowFixture(): Promise<WorkflowFixture> {
  setUpTheme();
  const platform = testPlatform();
  await platform.ready;
  const clock = new ManualClock(START);
  await supervisorServices(platform, { clock });
  const services = await workflowServices(platform);
  return {
    platform,
    services,
    clock,
    async mount(tag, template) {
      const provider = await fixture(
        html`<comet-test-provider .platform=${platform}>${template}</comet-test-provider>`,
      );
      const element = provider.querySelector(tag)!;
      await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
      return element;
    },
    async close() {
      await services.dispose();
      services.store.dispose();
      services.supervisor.dispose();
      platform.dispose();
      await platform.ready;
      await deleteDatabase(platform.dbName);
    },
  };
}

/** The first element matching `selector` in `root` or any shadow root below it. */
export function deepQuery<E extends Element = HTMLElement>(root: ParentNode, selector: string): E | undefined {
  const found = root.querySelector<E>(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot ? deepQuery<E>(element.shadowRoot, selector) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** Every element matching `selector` in `root` and the shadow roots below it. */
export function deepQueryAll<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const found = [...root.querySelectorAll<E>(selector)];
  for (const element of root.querySelectorAll('*'))
    if (element.shadowRoot) found.push(...deepQueryAll<E>(element.shadowRoot, selector));
  return found;
}

/** Types `text` into a native input or textarea: sets the value with the caret at its end, then fires input. */
export function typeInto(control: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  control.focus();
  control.value = text;
  control.setSelectionRange(text.length, text.length);
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Presses a key on an element. */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...init }));
}

/** The text of an element, whitespace collapsed. */
export const text = (element: Element | null | undefined): string =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
