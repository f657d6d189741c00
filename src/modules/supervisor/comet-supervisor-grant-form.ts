import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import {
  describeGrant,
  scopeKinds,
  type Grant,
  type GrantStore,
  type LocatedProblem,
} from '../../core/supervisor/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-supervisor-grant-conditions.js';
import './comet-supervisor-grant-windows.js';
import { grantFormStyles } from './comet-supervisor-grant-form.styles.js';
import {
  EXPIRY_UNITS,
  emptyGrantDraft,
  problemsAt,
  readGrantDraft,
  type DraftChangeEvent,
  type GrantDraft,
} from './grant-draft.js';

/** A grant was added through the form. */
export type GrantAddedEvent = CustomEvent<{ grant: Grant }>;

/** Patterns offered beside the principals that exist. */
const PATTERNS = ['agent:*', 'workflow:*', 'plugin:*', '*'];

/** An example scope of each kind, from its syntax ('keys:use:<name>' → 'keys:use:openai'). */
export function scopeExample(kind: string, syntax: string): string {
  if (kind === 'net') return 'net:https://api.example.com/*';
  return syntax
    .split(':')
    .map((segment) => (segment === '<name>' ? 'example' : segment.split('|')[0]))
    .join(':');
}

/**
 * Adds a grant: who (a principal or a pattern), what (a scope, checked as it is typed), only when (input
 * conditions), and when (valid from/until, expiry, weekly windows in a time zone, one shot). Every problem is shown
 * at its field; a sentence previews the grant as the supervisor will read it.
 * @summary The Add-grant form.
 * @fires comet-grant-added - The grant was saved ({ grant }).
 * @fires comet-grant-cancel - The person closed the form without saving.
 */
@customElement('comet-supervisor-grant-form')
export class CometSupervisorGrantForm extends LitElement {
  static override styles = [baseStyles, grantFormStyles];

  /** Where the grant goes. */
  @property({ attribute: false })
  accessor grants: GrantStore | undefined;

  /** Principal ids to offer (issued ones and those found in grants). */
  @property({ attribute: false })
  accessor principals: readonly string[] = [];

  /** The form's content. */
  @state() accessor draft: GrantDraft = emptyGrantDraft();
  /** Fields changed so far (their problems show at once); after a save attempt, every problem shows. */
  @state() accessor edited: ReadonlySet<string> = new Set();
  @state() accessor attempted = false;
  @state() accessor busy = false;
  @state() accessor error = '';

  /** Clears the form. */
  reset(): void {
    this.draft = emptyGrantDraft();
    this.edited = new Set();
    this.attempted = false;
    this.error = '';
  }

  /** Changes part of the form (sub-editors and tests use it too). */
  change(patch: Partial<GrantDraft>): void {
    this.draft = { ...this.draft, ...patch };
    this.edited = new Set([...this.edited, ...Object.keys(patch)]);
  }

  override render() {
    const { grant, problems } = readGrantDraft(this.draft);
    const shown = this.attempted ? problems : problems.filter((p) => this.edited.has(field(p)));
    const d = this.draft;
    return html`
      <form @submit=${this.#submit} autocomplete="off" novalidate>
        <fieldset>
          <legend>Who</legend>
          <wa-input
            size="s"
            label="Principal"
            placeholder="workflow:daily-digest or workflow:*"
            .value=${d.principal}
            @input=${(e: Event) => this.change({ principal: valueOf(e) })}
            >${hint(problemsAt(shown, 'principal'), 'An id (kind:name), or a pattern: workflow:* for every workflow, * for everyone')}</wa-input
          >
          <div class="suggestions" role="group" aria-label="Pick a principal">
            ${[...new Set([...this.principals, ...PATTERNS])].map(
              (id) =>
                html`<button
                  type="button"
                  class="pill"
                  aria-pressed=${d.principal === id}
                  @click=${() => this.change({ principal: id })}
                >
                  ${id}
                </button>`,
            )}
          </div>
        </fieldset>

        <fieldset>
          <legend>What</legend>
          <wa-input
            size="s"
            label="Scope"
            placeholder="net:https://api.example.com/*"
            .value=${d.scope}
            @input=${(e: Event) => this.change({ scope: valueOf(e) })}
            >${hint(problemsAt(d.scope ? problems : shown, 'scope'), 'What it may use; pick a kind below for an example')}</wa-input
          >
          <details class="kinds">
            <summary>Scope kinds</summary>
            <table>
              <tbody>
                ${scopeKinds().map(
                  ({ kind, syntax, about }) =>
                    html`<tr>
                      <td>
                        <button
                          type="button"
                          class="link"
                          @click=${() => this.change({ scope: scopeExample(kind, syntax) })}
                        >
                          <code>${syntax}</code>
                        </button>
                      </td>
                      <td class="quiet">${about}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </details>
        </fieldset>

        <fieldset>
          <legend>Only when the input…</legend>
          <comet-supervisor-grant-conditions
            .conditions=${d.conditions}
            .problems=${shown}
            @comet-draft-change=${(e: DraftChangeEvent) => this.change(e.detail)}
          ></comet-supervisor-grant-conditions>
        </fieldset>

        <fieldset>
          <legend>When</legend>
          <div class="grid">
            <wa-input
              size="s"
              type="datetime-local"
              label="Valid from"
              .value=${d.validFrom}
              @input=${(e: Event) => this.change({ validFrom: valueOf(e) })}
              >${hint(problemsAt(shown, 'validFrom'), 'Optional')}</wa-input
            >
            <wa-input
              size="s"
              type="datetime-local"
              label="Valid until"
              .value=${d.validUntil}
              @input=${(e: Event) => this.change({ validUntil: valueOf(e) })}
              >${hint(problemsAt(shown, 'validUntil'), 'Optional')}</wa-input
            >
            <div class="expiry">
              <wa-input
                size="s"
                type="number"
                min="0"
                label="Expires after"
                .value=${d.expiresAfter}
                @input=${(e: Event) => this.change({ expiresAfter: valueOf(e) })}
                >${hint(problemsAt(shown, 'expiresAfterMs'), 'Counted from now')}</wa-input
              >
              <wa-select
                size="s"
                label="Unit"
                .value=${d.expiresUnit}
                @change=${(e: Event) => this.change({ expiresUnit: valueOf(e) as GrantDraft['expiresUnit'] })}
              >
                ${Object.keys(EXPIRY_UNITS).map((unit) => html`<wa-option value=${unit}>${unit}</wa-option>`)}
              </wa-select>
            </div>
          </div>
          <comet-supervisor-grant-windows
            .windows=${d.windows}
            .timeZone=${d.timeZone}
            .problems=${shown}
            @comet-draft-change=${(e: DraftChangeEvent) => this.change(e.detail)}
          ></comet-supervisor-grant-windows>
          <wa-checkbox
            size="s"
            .checked=${d.oneShot}
            @change=${(e: Event) => this.change({ oneShot: (e.target as HTMLInputElement).checked })}
            >One shot: allow a single call, then the grant is used up</wa-checkbox
          >
        </fieldset>

        <fieldset>
          <legend>Why</legend>
          <wa-input
            size="s"
            label="Note (optional)"
            placeholder="Why this is granted"
            .value=${d.note}
            @input=${(e: Event) => this.change({ note: valueOf(e) })}
          ></wa-input>
        </fieldset>

        <div class="preview" aria-live="polite">
          <span class="label">Reads as</span>
          ${problems.length ? html`<span class="quiet">${problems.length} problem${problems.length === 1 ? '' : 's'} to fix</span>` : html`<span>${describeGrant({ ...grant, id: 'new', createdAt: 0 })}</span>`}
        </div>
        ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
        <div class="buttons">
          <wa-button size="s" variant="brand" type="submit" ?loading=${this.busy}
            ><span slot="start">${icon('plus')}</span>Add grant</wa-button
          >
          <wa-button
            size="s"
            appearance="plain"
            @click=${() => this.dispatchEvent(new CustomEvent('comet-grant-cancel'))}
            >Cancel</wa-button
          >
        </div>
      </form>
    `;
  }

  #submit = async (event: Event) => {
    event.preventDefault();
    this.attempted = true;
    const { grant, problems } = readGrantDraft(this.draft);
    if (problems.length || !this.grants || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const saved = await this.grants.add(grant);
      this.reset();
      this.dispatchEvent(new CustomEvent('comet-grant-added', { detail: { grant: saved } }));
    } catch (error) {
      const list = isCometError(error, 'grant-invalid') ? (error.details.list as LocatedProblem[]) : undefined;
      this.error = list?.length ? list.map((p) => `${p.path}: ${p.message}`).join('; ') : errorMessage(error);
    } finally {
      this.busy = false;
    }
  };
}

/** The form field a problem belongs to ('windows[0].start' → 'windows'). */
const field = (problem: LocatedProblem) => {
  const name = /^[A-Za-z]+/.exec(problem.path)?.[0] ?? problem.path;
  return name === 'expiresAfterMs' ? 'expiresAfter' : name;
};

/** A field's hint slot: its problems in red, or the help text. */
function hint(problems: string[], help: string) {
  return problems.length
    ? html`<div slot="hint" class="field-error">${problems.join('; ')}</div>`
    : html`<div slot="hint">${help}</div>`;
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-grant-form': CometSupervisorGrantForm;
  }
  interface HTMLElementEventMap {
    'comet-grant-added': GrantAddedEvent;
    'comet-grant-cancel': CustomEvent<void>;
  }
}
