import '@awesome.me/webawesome/dist/components/tab-group/tab-group.js';
import '@awesome.me/webawesome/dist/components/tab-panel/tab-panel.js';
import '@awesome.me/webawesome/dist/components/tab/tab.js';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { icon } from '../icons.js';
import { baseStyles } from '../shared-styles.js';
import { shellEvent } from '../shell-events.js';
import './comet-inspector-events.js';
import './comet-inspector-log.js';
import './comet-inspector-store.js';
import './comet-inspector-workers.js';

const MIN_HEIGHT = 120;
const STEP = 24;

/**
 * The debug inspector, docked under the content: tabs for live bus events, the store's state, open workers
 * and the log. Resizable by dragging (or with the arrow keys on) its top edge; closable. Loaded only in
 * debug mode.
 * @summary Debug inspector panel.
 * @fires comet-toggle-inspector - The close button was pressed ({ open: false }).
 */
@customElement('comet-inspector')
export class CometInspector extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: relative;
        display: flex;
        flex-direction: column;
        height: var(--inspector-height, 300px);
        min-height: ${MIN_HEIGHT}px;
        max-height: 85%;
        border-top: 1px solid var(--comet-border-strong);
        background: var(--comet-surface);
      }
      .handle {
        position: absolute;
        inset: -4px 0 auto;
        z-index: 1;
        height: 8px;
        cursor: ns-resize;
      }
      .handle:hover,
      .handle:focus-visible {
        background: linear-gradient(transparent 3px, var(--comet-accent) 3px 5px, transparent 5px);
        outline: none;
      }
      wa-tab-group {
        flex: 1;
        min-height: 0;
        --indicator-color: var(--comet-accent);
        --track-color: var(--comet-border);
      }
      wa-tab-group::part(base) {
        height: 100%;
        display: flex;
        flex-direction: column;
      }
      wa-tab-group::part(body) {
        flex: 1;
        min-height: 0;
      }
      wa-tab::part(base) {
        padding: 6px 12px;
        font-size: var(--comet-font-size-xs);
        gap: 6px;
      }
      wa-tab-panel {
        height: 100%;
      }
      wa-tab-panel::part(base) {
        height: 100%;
        padding: 0;
      }
      .close {
        position: absolute;
        top: 4px;
        inset-inline-end: 6px;
        display: grid;
        place-items: center;
        width: 26px;
        height: 26px;
        border: 0;
        border-radius: var(--comet-radius-s);
        background: none;
        color: var(--comet-text-quiet);
        cursor: pointer;
      }
      .close:hover {
        background: var(--comet-surface-hover);
        color: var(--comet-text);
      }
    `,
  ];

  /** The panel's height in pixels (dragging or arrow keys change it). */
  @state() accessor height = 300;

  override render() {
    return html`
      <div
        class="handle"
        role="separator"
        tabindex="0"
        aria-label="Resize the inspector"
        aria-orientation="horizontal"
        aria-valuemin=${MIN_HEIGHT}
        aria-valuenow=${this.height}
        @pointerdown=${this.#startDrag}
        @keydown=${this.#onHandleKey}
      ></div>
      <wa-tab-group>
        <wa-tab slot="nav" panel="events">${icon('activity')}Events</wa-tab>
        <wa-tab slot="nav" panel="store">${icon('braces')}Store</wa-tab>
        <wa-tab slot="nav" panel="workers">${icon('cpu')}Workers</wa-tab>
        <wa-tab slot="nav" panel="log">${icon('log')}Log</wa-tab>
        <wa-tab-panel name="events"><comet-inspector-events></comet-inspector-events></wa-tab-panel>
        <wa-tab-panel name="store"><comet-inspector-store></comet-inspector-store></wa-tab-panel>
        <wa-tab-panel name="workers"><comet-inspector-workers></comet-inspector-workers></wa-tab-panel>
        <wa-tab-panel name="log"><comet-inspector-log></comet-inspector-log></wa-tab-panel>
      </wa-tab-group>
      <button class="close" title="Close the inspector" @click=${this.#close}>
        ${icon('close', 'Close the inspector')}
      </button>
    `;
  }

  protected override updated(): void {
    // A CSSOM property, not a style attribute: the page's CSP allows no inline styles.
    this.style.setProperty('--inspector-height', `${this.height}px`);
  }

  #close = () => this.dispatchEvent(shellEvent('comet-toggle-inspector', { open: false }));

  #resize(height: number) {
    // Never so tall that the view above it disappears (CSS max-height also holds it within its container).
    const max = Math.max(MIN_HEIGHT, window.innerHeight * 0.75);
    this.height = Math.round(Math.min(max, Math.max(MIN_HEIGHT, height)));
  }

  #onHandleKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowUp') this.#resize(this.height + STEP);
    else if (event.key === 'ArrowDown') this.#resize(this.height - STEP);
    else return;
    event.preventDefault();
  };

  #startDrag = (event: PointerEvent) => {
    const handle = event.currentTarget as HTMLElement;
    const startY = event.clientY;
    const startHeight = this.height;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => this.#resize(startHeight + (startY - e.clientY));
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-inspector': CometInspector;
  }
}
