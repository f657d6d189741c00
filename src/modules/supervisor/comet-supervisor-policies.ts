import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import {
  describePolicy,
  policyFileSchema,
  type LocatedProblem,
  type Policy,
  type WouldHaveEvent,
} from '../../core/supervisor/index.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { PROBE_PRINCIPAL_PREFIX } from './checklist/probe-kit.js';
import './comet-supervisor-policy-card.js';
import type { PolicyRequestEvent } from './comet-supervisor-policy-card.js';
import './comet-supervisor-policy-editor.js';
import type { PolicySavedEvent } from './comet-supervisor-policy-editor.js';
import { policiesStyles } from './comet-supervisor-policies.styles.js';
import { downloadText } from './policy-text.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/** What an import left to show: how much came in, or every located problem (and nothing changed). */
type ImportOutcome =
  | { ok: true; file: string; policies: number; grants: number }
  | { ok: false; file: string; problems: LocatedProblem[]; message: string };

/**
 * Supervisor › Policies: every temporal policy as a sentence, with its mode (enforce or log-only), an on/off switch
 * and what it would have blocked; a JSON editor with templates and located problems to create or edit one; delete
 * with confirmation; import (all or nothing) and export of policy files, and the published JSON Schema.
 * @summary Supervisor › Policies.
 */
@customElement('comet-supervisor-policies')
export class CometSupervisorPolicies extends LitElement {
  static override styles = [baseStyles, viewStyles, supervisorStyles, policiesStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/policies': ['new'] opens the editor. */
  @property({ attribute: false })
  accessor rest: string[] = [];

  @state() accessor policies: readonly Policy[] = [];
  /** Log-only findings, read again whenever one is published. */
  @state() accessor findings: readonly WouldHaveEvent[] = [];
  /** The editor: closed, a new policy, or the policy being edited. */
  @state() accessor editor: { policy?: Policy } | undefined;
  @state() accessor deleting: Policy | undefined;
  @state() accessor imported: ImportOutcome | undefined;
  @state() accessor busy = false;

  @query('input[type="file"]') accessor fileInput: HTMLInputElement | null = null;

  #unsubscribe: (() => void)[] = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.services) this.#follow();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('services') || changed.has('platform')) this.#follow();
    if (changed.has('rest') && this.rest[0] === 'new') this.editor = {};
  }

  override render() {
    return html`
      <div class="section-header">
        <div>
          <h2>Policies</h2>
          <p>
            Temporal rules over what agents do: limits over sliding windows, running totals, ordering, look-ups,
            approvals and rates. Try one in log-only mode to see what it would block, then enforce it.
          </p>
        </div>
        <div class="actions">
          <wa-button size="s" appearance="outlined" @click=${() => this.fileInput?.click()} ?loading=${this.busy}
            >Import…</wa-button
          >
          <wa-button size="s" appearance="outlined" @click=${this.#export}
            ><span slot="start">${icon('download')}</span>Export</wa-button
          >
          <wa-button size="s" variant="brand" ?disabled=${this.editor !== undefined} @click=${() => (this.editor = {})}
            ><span slot="start">${icon('plus')}</span>New policy</wa-button
          >
          <input
            type="file"
            accept="application/json,.json"
            hidden
            aria-hidden="true"
            tabindex="-1"
            @change=${this.#import}
          />
        </div>
      </div>
      ${this.#renderImported()} ${this.editor ? this.#renderEditor(this.editor.policy) : nothing}
      <section class="panel" aria-labelledby="policy-list">
        <div class="panel-header">
          <h3 id="policy-list">Policies</h3>
          <span class="chip">${this.policies.length}</span>
          <button type="button" class="link" @click=${this.#downloadSchema}>${icon('braces')}JSON Schema</button>
        </div>
        ${
          this.policies.length
            ? html`<ul class="policies">
                ${this.policies.map(
                  (policy) =>
                    html`<li>
                      <comet-supervisor-policy-card
                        .policy=${policy}
                        .supervisor=${this.services?.supervisor}
                        .findings=${this.findings.filter((f) => f.policyId === policy.id)}
                        @comet-policy-edit=${(e: PolicyRequestEvent) => (this.editor = { policy: e.detail.policy })}
                        @comet-policy-delete=${(e: PolicyRequestEvent) => (this.deleting = e.detail.policy)}
                      ></comet-supervisor-policy-card>
                    </li>`,
                )}
              </ul>`
            : html`<p class="empty">
                <strong>No policies yet</strong>Grants decide alone. Add a policy from a template, or import a file.
              </p>`
        }
      </section>
      ${this.#renderDeleteDialog()}
    `;
  }

  #renderEditor(policy: Policy | undefined) {
    return html`<section class="panel editor-panel" aria-labelledby="editor-title">
      <div class="panel-header">
        <h3 id="editor-title">${policy ? html`Edit <code>${policy.id}</code>` : 'New policy'}</h3>
      </div>
      <div class="panel-body">
        <comet-supervisor-policy-editor
          .supervisor=${this.services?.supervisor}
          .editing=${policy}
          @comet-policy-saved=${this.#saved}
          @comet-policy-cancel=${() => (this.editor = undefined)}
        ></comet-supervisor-policy-editor>
      </div>
    </section>`;
  }

  #renderImported() {
    const outcome = this.imported;
    if (!outcome) return nothing;
    if (outcome.ok)
      return html`<wa-callout variant="success" class="import-result" role="status">
        ${icon('success')} Imported ${outcome.policies}
        polic${outcome.policies === 1 ? 'y' : 'ies'}${
          outcome.grants ? ` and ${outcome.grants} grant${outcome.grants === 1 ? '' : 's'}` : ''
        }
        from <code>${outcome.file}</code>.
      </wa-callout>`;
    return html`<wa-callout variant="danger" class="import-result" role="alert">
      <strong><code>${outcome.file}</code> was not imported; nothing changed.</strong>
      ${
        outcome.problems.length
          ? html`<ul class="problems">
              ${outcome.problems.slice(0, 50).map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}
              ${outcome.problems.length > 50 ? html`<li>… and ${outcome.problems.length - 50} more</li>` : nothing}
            </ul>`
          : html`<p>${outcome.message}</p>`
      }
      <wa-button size="s" appearance="plain" @click=${() => (this.imported = undefined)}>Dismiss</wa-button>
    </wa-callout>`;
  }

  #renderDeleteDialog() {
    const policy = this.deleting;
    return html`<wa-dialog
      label="Delete this policy?"
      ?open=${policy !== undefined}
      @wa-after-hide=${() => (this.deleting = undefined)}
    >
      ${
        policy
          ? html`<p><strong>${policy.name ?? policy.id}</strong></p>
              <p class="quiet">${describePolicy(policy)}</p>
              <p>Its rate-limit state is deleted with it. Export your policies first to keep a copy.</p>`
          : nothing
      }
      <div slot="footer" class="dialog-buttons">
        <wa-button size="s" appearance="outlined" @click=${() => (this.deleting = undefined)}>Cancel</wa-button>
        <wa-button size="s" variant="danger" ?loading=${this.busy} @click=${() => void this.#delete()}
          >Delete policy</wa-button
        >
      </div>
    </wa-dialog>`;
  }

  /** Imports a policy file's text: all of it, or (with every problem listed) nothing. */
  async importText(text: string, file = 'the file'): Promise<void> {
    const supervisor = this.services?.supervisor;
    if (!supervisor) return;
    this.busy = true;
    try {
      const counts = await supervisor.importPolicies(text);
      this.imported = { ok: true, file, ...counts };
    } catch (error) {
      const problems = isCometError(error, 'policy-file-invalid') ? (error.details.list as LocatedProblem[]) : [];
      this.imported = { ok: false, file, problems: problems ?? [], message: errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  #import = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again after fixing it
    if (file) await this.importText(await file.text(), file.name);
  };

  #export = () => {
    const text = this.services?.supervisor.exportPolicies();
    if (text) downloadText(text, `comet-policies-${new Date().toISOString().slice(0, 10)}.json`);
  };

  #downloadSchema = () => downloadText(JSON.stringify(policyFileSchema, null, 2), 'comet-policies.schema.json');

  #saved = (event: PolicySavedEvent) => {
    this.editor = undefined;
    this.platform?.toasts.show({
      variant: 'success',
      title: event.detail.replaced ? 'Policy renamed and saved' : 'Policy saved',
      message: describePolicy(event.detail.policy),
    });
  };

  async #delete(): Promise<void> {
    const policy = this.deleting;
    if (!policy || !this.services) return;
    this.busy = true;
    try {
      await this.services.supervisor.removePolicy(policy.id);
      this.deleting = undefined;
    } catch (error) {
      this.platform?.toasts.error(error, 'The policy was not deleted');
    } finally {
      this.busy = false;
    }
  }

  #follow(): void {
    this.#stop();
    const services = this.services;
    if (!services) return;
    const { supervisor } = services;
    this.policies = supervisor.policies.list();
    this.#readFindings();
    this.#unsubscribe.push(supervisor.policies.subscribe((policies) => (this.policies = policies)));
    const bus = this.platform?.bus;
    if (bus) this.#unsubscribe.push(bus.subscribe('supervisor.would-have', () => this.#readFindings()));
  }

  /** The findings of real calls (the checklist's probes act as scratch principals; their findings are not yours). */
  #readFindings(): void {
    this.findings =
      this.services?.supervisor.wouldHave().filter((f) => !f.principal.startsWith(PROBE_PRINCIPAL_PREFIX)) ?? [];
  }

  #stop(): void {
    this.#unsubscribe.forEach((stop) => stop());
    this.#unsubscribe = [];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-policies': CometSupervisorPolicies;
  }
}
