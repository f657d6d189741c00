import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/**
 * The application shell.
 * @summary Header, navigation, routed content area and status bar of CometPlatform.
 */
@customElement('comet-app')
export class CometApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  override render() {
    return html`<header><h1>CometPlatform</h1></header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-app': CometApp;
  }
}
