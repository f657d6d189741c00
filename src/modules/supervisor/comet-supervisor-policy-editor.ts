import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage, isCometError } from '../../core/errors.js';
import { describePolicy, type LocatedProblem, type Policy, type Supervisor } from '../../core/supervisor/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { policyEditorStyles } from './comet-supervisor-policy-editor.styles.js';
import { POLICY_TEMPLATES } from './policy-templates.js';
import { policyText, readPolicyText } from './policy-text.js';

/** A policy was saved through the editor. */
export type PolicySavedEvent = CustomEvent<{ policy: Policy; replaced?: string }>;

/**
 * Creates or edits a policy as JSON, checked as it is typed against the published schema and the supervisor's own
 * rules: each problem is listed beside the text with where it is ('rule.windowMs: must be a positive integer'), and a
 * valid policy is previewed as the sentence the supervisor reads. New policies start from a template.
 * @summary The policy editor.
 * @fires comet-policy-saved - The policy was saved ({ policy, replaced: the old id when the id changed }).
 * @fires comet-policy-cancel - The person closed the editor without saving.
 */
@customElement('comet-supervisor-policy-editor')
export class CometSupervisorPolicyEditor extends LitElement {
  static override styles = [baseStyles, policyEditorStyles];

  /** Where the policy is saved. */
  @property({ attribute: false })
  accessor supervisor: Supervisor | undefined;

  /** The policy being edited; undefined for a new one. */
  @property({ attribute: false })
  accessor editing: Policy | undefined;

  /** The JSON text in the editor. */
  @state() accessor text = policyText(POLICY_TEMPLATES[0].policy);
  @state() accessor template = POLICY_TEMPLATES[0].id;
  @state() accessor busy = false;
  @state() accessor error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('editing')) {
      this.text = policyText(this.editing ?? POLICY_TEMPLATES[0].policy);
      this.template = POLICY_TEMPLATES[0].id;
      this.error = '';
    }
  }

  /** The problems of the text as it stands (JSON, schema, meaning, and an id that is taken). */
  problems(): LocatedProblem[] {
    const reading = readPolicyText(this.text);
    if (!reading.policy) return reading.problems;
    const { id } = reading.policy;
    if (id !== this.editing?.id && this.supervisor?.policies.get(id))
      return [{ path: 'id', message: `"${id}" is the id of another policy; choose a new one` }];
    return [];
  }

  override render() {
    const reading = readPolicyText(this.text);
    const problems = this.problems();
    return html`
      ${
        this.editing
          ? nothing
          : html`<wa-select
              class="template"
              size="s"
              label="Start from a template"
              hint="Templates start in log-only mode: see what they would block before enforcing."
              .value=${this.template}
              @change=${this.#pickTemplate}
            >
              ${POLICY_TEMPLATES.map((t) => html`<wa-option value=${t.id}>${t.title}</wa-option>`)}
            </wa-select>`
      }
      <div class="editor">
        <div class="text">
          <label for="policy-json">Policy JSON</label>
          <textarea
            id="policy-json"
            spellcheck="false"
            rows="18"
            aria-describedby="policy-problems"
            aria-invalid=${problems.length ? 'true' : 'false'}
            .value=${this.text}
            @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <aside id="policy-problems" aria-live="polite">
          ${
            problems.length
              ? html`<h4 class="bad">
                    ${icon('warning')}${problems.length} problem${problems.length === 1 ? '' : 's'}
                  </h4>
                  <ul class="problems">
                    ${problems.map((p) => html`<li><code>${p.path}</code>: ${p.message}</li>`)}
                  </ul>`
              : html`<h4 class="good">${icon('success')}Valid policy</h4>
                  <p class="sentence">${reading.policy ? describePolicy(reading.policy) : ''}</p>`
          }
          <p class="quiet schema-note">
            Checked against the published JSON Schema (download it from the list of policies) and the supervisor’s rules
            for principals, paths and conditions.
          </p>
        </aside>
      </div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="buttons">
        <wa-button size="s" variant="brand" ?disabled=${problems.length > 0} ?loading=${this.busy} @click=${this.#save}
          ><span slot="start">${icon('check')}</span>${this.editing ? 'Save policy' : 'Add policy'}</wa-button
        >
        <wa-button
          size="s"
          appearance="plain"
          @click=${() => this.dispatchEvent(new CustomEvent('comet-policy-cancel'))}
          >Cancel</wa-button
        >
      </div>
    `;
  }

  #pickTemplate = (event: Event) => {
    const id = (event.target as HTMLInputElement).value;
    const template = POLICY_TEMPLATES.find((t) => t.id === id);
    if (!template) return;
    this.template = id;
    this.text = policyText(template.policy);
  };

  #save = async () => {
    const reading = readPolicyText(this.text);
    const supervisor = this.supervisor;
    if (!reading.policy || this.problems().length || !supervisor || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const saved = await supervisor.policies.put(reading.policy);
      // A changed id is a rename: the old policy (and its rate-limit state) goes.
      const old = this.editing?.id;
      const replaced = old !== undefined && old !== saved.id ? old : undefined;
      if (replaced) await supervisor.removePolicy(replaced);
      this.dispatchEvent(new CustomEvent('comet-policy-saved', { detail: { policy: saved, replaced } }));
    } catch (error) {
      const list = isCometError(error, 'policy-invalid') ? (error.details.list as LocatedProblem[]) : undefined;
      this.error = list?.length ? list.map((p) => `${p.path}: ${p.message}`).join('; ') : errorMessage(error);
    } finally {
      this.busy = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-policy-editor': CometSupervisorPolicyEditor;
  }
  interface HTMLElementEventMap {
    'comet-policy-saved': PolicySavedEvent;
    'comet-policy-cancel': CustomEvent<void>;
  }
}
