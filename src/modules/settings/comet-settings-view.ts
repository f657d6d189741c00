import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon, type IconName } from '../../ui/icons.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import './comet-settings-about.js';
import './comet-settings-appearance.js';
import './comet-settings-developer.js';
import './comet-settings-storage.js';
import { focusSectionHeading } from '../../ui/focus-heading.js';

interface Section {
  path: string;
  title: string;
  icon: IconName;
  render: () => TemplateResult;
}

/** The settings pages, in order; '#/settings' shows the first, '#/settings/<path>' the others. */
const SECTIONS: Section[] = [
  {
    path: 'appearance',
    title: 'Appearance',
    icon: 'contrast',
    render: () => html`<comet-settings-appearance></comet-settings-appearance>`,
  },
  {
    path: 'developer',
    title: 'Developer',
    icon: 'code',
    render: () => html`<comet-settings-developer></comet-settings-developer>`,
  },
  {
    path: 'storage',
    title: 'Storage',
    icon: 'drive',
    render: () => html`<comet-settings-storage></comet-settings-storage>`,
  },
  { path: 'about', title: 'About', icon: 'info', render: () => html`<comet-settings-about></comet-settings-about>` },
];

/**
 * Settings: a list of pages (Appearance, Developer, Storage, About) beside the page on screen. Each page has its
 * own link, e.g. '#/settings/storage'.
 * @summary The Settings view.
 */
@customElement('comet-settings-view')
export class CometSettingsView extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: 200px 1fr;
        gap: var(--comet-space-xl);
        align-items: start;
      }
      nav ul {
        display: flex;
        flex-direction: column;
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
        position: sticky;
        top: var(--comet-space-m);
      }
      nav a {
        display: flex;
        align-items: center;
        gap: var(--comet-space-xs);
        height: 32px;
        padding: 0 var(--comet-space-s);
        border-radius: var(--comet-radius-m);
        color: var(--comet-text-quiet);
        font-weight: 500;
        text-decoration: none;
      }
      nav a:hover {
        background: var(--comet-surface-hover);
        color: var(--comet-text);
      }
      nav a[aria-current='page'] {
        background: var(--comet-accent-soft);
        color: var(--comet-accent-text);
      }
      .missing {
        padding: var(--comet-space-l);
      }
      .missing p {
        margin: 0 0 var(--comet-space-xs);
      }
      @media (max-width: 720px) {
        .layout {
          grid-template-columns: 1fr;
          gap: var(--comet-space-m);
        }
        nav ul {
          flex-direction: row;
          flex-wrap: wrap;
          position: static;
        }
      }
    `,
  ];

  /** The path below '#/settings': [] or ['storage'], … */
  @property({ attribute: false })
  accessor rest: string[] = [];

  override render() {
    const wanted = this.rest[0] ?? SECTIONS[0].path;
    const section = SECTIONS.find((s) => s.path === wanted);
    return html`
      <div class="page">
        <div class="page-header">
          <h1 tabindex="-1">Settings</h1>
          <p class="lede">Saved on this device and applied in every open tab.</p>
        </div>
        <div class="layout">
          <nav aria-label="Settings">
            <ul>
              ${SECTIONS.map(
                (s) =>
                  html`<li>
                    <a href=${href(`settings/${s.path}`)} aria-current=${s === section ? 'page' : 'false'}
                      >${icon(s.icon)}${s.title}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <div class="content">${section ? section.render() : this.#renderMissing(wanted)}</div>
        </div>
      </div>
    `;
  }

  /** After a navigation: the section's heading when the link named one ('#/settings/storage'), else the page's. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await focusSectionHeading(this.renderRoot, this.rest.length > 0);
  }

  #renderMissing(wanted: string) {
    return html`<section class="panel missing">
      <h2>No “${wanted}” settings</h2>
      <p class="quiet">There is no settings page of that name. Pick one from the list.</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-settings-view': CometSettingsView;
  }
}
