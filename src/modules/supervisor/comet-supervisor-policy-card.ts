import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/radio-group/radio-group.js';
import '@awesome.me/webawesome/dist/components/radio/radio.js';
import '@awesome.me/webawesome/dist/components/switch/switch.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import {
  describePolicy,
  type Policy,
  type PolicyMode,
  type Supervisor,
  type WouldHaveEvent,
} from '../../core/supervisor/index.js';
import { formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { policyCardStyles } from './comet-supervisor-policy-card.styles.js';
import { supervisorStyles } from './supervisor-styles.js';

/** The card asks its page to edit or delete its policy. */
export type PolicyRequestEvent = CustomEvent<{ policy: Policy }>;

/** How many of the latest findings a card lists. */
const EXAMPLES = 3;

/**
 * One policy: its sentence, its mode (enforce or log-only) and on/off switch, and what it would have blocked: the
 * number of calls and the latest few, so a person can try a policy in log-only mode before enforcing it.
 * @summary A policy in the list of policies.
 * @fires comet-policy-edit - Edit was pressed ({ policy }).
 * @fires comet-policy-delete - Delete was pressed ({ policy }).
 */
@customElement('comet-supervisor-policy-card')
export class CometSupervisorPolicyCard extends LitElement {
  static override styles = [baseStyles, supervisorStyles, policyCardStyles];

  /** The policy shown. */
  @property({ attribute: false })
  accessor policy: Policy | undefined;

  /** Where mode and on/off changes go. */
  @property({ attribute: false })
  accessor supervisor: Supervisor | undefined;

  /** What it would have blocked (log-only findings), oldest first. */
  @property({ attribute: false })
  accessor findings: readonly WouldHaveEvent[] = [];

  @state() accessor error = '';

  override render() {
    const policy = this.policy;
    if (!policy) return nothing;
    const enabled = policy.enabled !== false;
    return html`<article class="card ${enabled ? '' : 'off'}" aria-labelledby="title">
      <div class="main">
        <div class="title-line">
          <h3 id="title">${policy.name ?? policy.id}</h3>
          <code class="meta">${policy.id}</code>
          <span class="chip">${policy.rule.kind}</span>
          ${enabled ? nothing : html`<span class="chip">Off</span>`}
        </div>
        <p class="sentence">${describePolicy(policy)}</p>
        ${policy.note ? html`<p class="meta">${policy.note}</p>` : nothing} ${this.#renderFindings(policy)}
        ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : nothing}
      </div>
      <div class="controls">
        <wa-radio-group
          size="s"
          orientation="horizontal"
          label="Mode of ${policy.id}"
          .value=${policy.mode}
          @change=${(e: Event) => void this.#setMode((e.target as HTMLInputElement).value as PolicyMode)}
        >
          <wa-radio appearance="button" value="enforce">Enforce</wa-radio>
          <wa-radio appearance="button" value="log-only">Log only</wa-radio>
        </wa-radio-group>
        <div class="buttons">
          <wa-switch
            size="s"
            .checked=${enabled}
            @change=${(e: Event) => void this.#setEnabled((e.target as HTMLInputElement).checked)}
            >${enabled ? 'On' : 'Off'}<span class="visually-hidden">: ${policy.id}</span></wa-switch
          >
          <wa-button size="s" appearance="outlined" @click=${() => this.#request('comet-policy-edit')}
            >Edit<span class="visually-hidden"> ${policy.id}</span></wa-button
          >
          <wa-button size="s" variant="danger" appearance="plain" @click=${() => this.#request('comet-policy-delete')}
            >${icon('trash')}<span class="visually-hidden">Delete ${policy.id}</span></wa-button
          >
        </div>
      </div>
    </article>`;
  }

  #renderFindings(policy: Policy) {
    const findings = this.findings;
    if (!findings.length && policy.mode === 'enforce') return nothing;
    const words = findings.length === 1 ? '1 call' : `${findings.length} calls`;
    return html`<div class="findings ${findings.length ? 'some' : ''}">
      <p class="count">
        ${icon(findings.length ? 'warning' : 'info')}
        ${
          findings.length
            ? html`Would have blocked
                <strong>${words}</strong>${policy.mode === 'enforce' ? ' while it was log-only' : ''}`
            : 'Would have blocked no calls yet'
        }
        <span class="meta">since the app was opened</span>
      </p>
      ${
        findings.length
          ? html`<ul>
              ${findings
                .slice(-EXAMPLES)
                .reverse()
                .map(
                  (f) =>
                    html`<li>
                      <span class="meta">${formatDateTime(f.time)}</span> <code>${f.principal}</code> →
                      <code>${f.capability}</code>: would ${f.verdict === 'ask' ? 'ask' : 'deny'} — ${f.reason}
                    </li>`,
                )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  async #setMode(mode: PolicyMode): Promise<void> {
    const { policy, supervisor } = this;
    if (!policy || !supervisor || policy.mode === mode) return;
    await this.#try(() => supervisor.policies.setMode(policy.id, mode));
  }

  async #setEnabled(enabled: boolean): Promise<void> {
    const { policy, supervisor } = this;
    if (!policy || !supervisor) return;
    const { enabled: _old, ...rest } = policy;
    await this.#try(() => supervisor.policies.put(enabled ? rest : { ...rest, enabled: false }));
  }

  async #try(change: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await change();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  #request(type: 'comet-policy-edit' | 'comet-policy-delete') {
    if (this.policy) this.dispatchEvent(new CustomEvent(type, { detail: { policy: this.policy } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-policy-card': CometSupervisorPolicyCard;
  }
  interface HTMLElementEventMap {
    'comet-policy-edit': PolicyRequestEvent;
    'comet-policy-delete': PolicyRequestEvent;
  }
}
