import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuditFilter } from '../../core/audit/types.js';
import type { Verdict } from '../../core/supervisor/types.js';
import { baseStyles } from '../../ui/shared-styles.js';

/** The filter changed (typing is debounced). */
export type AuditFilterChangeEvent = CustomEvent<{ filter: AuditFilter }>;

/** The time ranges offered, as milliseconds back from now; 'custom' shows two date fields. */
const RANGES: { id: string; label: string; ms?: number }[] = [
  { id: 'any', label: 'Any time' },
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: 'custom', label: 'Custom range…' },
];
const VERDICTS: Verdict[] = ['allow', 'deny', 'ask'];
const TYPING_MS = 250;

/**
 * The audit log's filters: text, principal, capability, verdict and time. Every field narrows the list; the text is
 * searched in principal, capability, rule, reason, error, run, input and output.
 * @summary Audit log filters.
 * @fires comet-audit-filter-change - The filter changed ({ filter }).
 */
@customElement('comet-audit-filters')
export class CometAuditFilters extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: minmax(180px, 1.6fr) minmax(130px, 1fr) repeat(3, minmax(150px, 1fr)) auto;
        gap: var(--comet-space-xs);
        align-items: end;
      }
      .custom {
        display: grid;
        grid-template-columns: repeat(2, minmax(180px, 240px));
        gap: var(--comet-space-xs);
        margin-top: var(--comet-space-xs);
      }
      @media (max-width: 980px) {
        form {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
    `,
  ];

  /** Capability names to offer. */
  @property({ attribute: false })
  accessor capabilities: readonly string[] = [];

  /** Now, for relative time ranges (default: the system clock when asked). */
  @property({ attribute: false })
  accessor now: () => number = () => Date.now();

  @state() accessor text = '';
  @state() accessor principal = '';
  @state() accessor capability = 'any';
  @state() accessor verdict = 'any';
  @state() accessor range = 'any';
  @state() accessor from = '';
  @state() accessor to = '';

  #typing: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
  }

  /** The filter the fields describe now. */
  get filter(): AuditFilter {
    const filter: AuditFilter = {};
    if (this.text.trim()) filter.text = this.text.trim();
    if (this.principal.trim()) filter.principal = this.principal.trim();
    if (this.capability !== 'any') filter.capability = this.capability;
    if (this.verdict !== 'any') filter.verdict = this.verdict as Verdict;
    const range = RANGES.find((r) => r.id === this.range);
    if (range?.ms) filter.from = this.now() - range.ms;
    if (this.range === 'custom') {
      const from = this.from ? new Date(this.from).getTime() : NaN;
      const to = this.to ? new Date(this.to).getTime() : NaN;
      if (Number.isFinite(from)) filter.from = from;
      if (Number.isFinite(to)) filter.to = to;
    }
    return filter;
  }

  /** True when some field narrows the list. */
  get active(): boolean {
    return Object.keys(this.filter).length > 0;
  }

  /** Clears every field; `announce: false` does not fire the change event (the caller reads the log itself). */
  clear(announce = true): void {
    this.text = this.principal = this.from = this.to = '';
    this.capability = this.verdict = this.range = 'any';
    clearTimeout(this.#typing);
    if (announce) this.#emit();
  }

  override render() {
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <form role="search" aria-label="Filter the audit log" @submit=${(e: Event) => e.preventDefault()}>
        <wa-input
          size="s"
          type="search"
          label="Search"
          placeholder="Text in reason, rule, input, output…"
          .value=${this.text}
          @input=${(e: Event) => this.#type(() => (this.text = value(e)))}
        ></wa-input>
        <wa-input
          size="s"
          label="Principal"
          placeholder="e.g. agent:researcher"
          .value=${this.principal}
          @input=${(e: Event) => this.#type(() => (this.principal = value(e)))}
        ></wa-input>
        <wa-select
          size="s"
          label="Capability"
          .value=${this.capability}
          @change=${(e: Event) => this.#set(() => (this.capability = value(e)))}
        >
          <wa-option value="any">Any capability</wa-option>
          ${this.capabilities.map((name) => html`<wa-option value=${name}>${name}</wa-option>`)}
        </wa-select>
        <wa-select
          size="s"
          label="Verdict"
          .value=${this.verdict}
          @change=${(e: Event) => this.#set(() => (this.verdict = value(e)))}
        >
          <wa-option value="any">Any verdict</wa-option>
          ${VERDICTS.map((v) => html`<wa-option value=${v}>${v}</wa-option>`)}
        </wa-select>
        <wa-select
          size="s"
          label="Time"
          .value=${this.range}
          @change=${(e: Event) => this.#set(() => (this.range = value(e)))}
        >
          ${RANGES.map((r) => html`<wa-option value=${r.id}>${r.label}</wa-option>`)}
        </wa-select>
        <wa-button size="s" appearance="plain" ?disabled=${!this.active} @click=${() => this.clear()}>Clear</wa-button>
      </form>
      ${
        this.range === 'custom'
          ? html`<div class="custom">
              <wa-input
                size="s"
                type="datetime-local"
                label="From"
                .value=${this.from}
                @change=${(e: Event) => this.#set(() => (this.from = value(e)))}
              ></wa-input>
              <wa-input
                size="s"
                type="datetime-local"
                label="Until"
                .value=${this.to}
                @change=${(e: Event) => this.#set(() => (this.to = value(e)))}
              ></wa-input>
            </div>`
          : nothing
      }
    `;
  }

  #type(change: () => void): void {
    change();
    clearTimeout(this.#typing);
    this.#typing = setTimeout(() => this.#emit(), TYPING_MS);
  }

  #set(change: () => void): void {
    change();
    clearTimeout(this.#typing);
    this.#emit();
  }

  #emit(): void {
    this.dispatchEvent(new CustomEvent('comet-audit-filter-change', { detail: { filter: this.filter } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-audit-filters': CometAuditFilters;
  }
  interface HTMLElementEventMap {
    'comet-audit-filter-change': AuditFilterChangeEvent;
  }
}
