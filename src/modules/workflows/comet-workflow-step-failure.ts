import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CapabilityRegistry } from '../../core/capabilities/index.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-schema-form.js';
import type { ValueChangeEvent } from './comet-workflow-schema-form.js';
import type { ErrorHandler, WorkflowDefinition, WorkflowProblem } from './model/types.js';
import { referenceSuggestions } from './reference-suggestions.js';
import { fieldStyles } from './workflow-styles.js';

type Compensation = Extract<ErrorHandler, { compensate: unknown }>;

const CHOICES = [
  { value: 'fail', label: 'Fail the run', hint: 'The run stops as failed; steps still running are cancelled.' },
  { value: 'continue', label: 'Continue', hint: 'The step counts as skipped; steps that need it are skipped too.' },
  {
    value: 'compensate',
    label: 'Run a compensation step',
    hint: 'A capability runs once to undo or report, with {{error.message}}.',
  },
] as const;

/**
 * What happens after a step's last attempt failed: fail the run, continue without it, or run a compensation step
 * (its own capability and input, which may reference the failure as {{error.message}} / {{error.code}}) and then fail
 * or continue.
 * @summary A step's error handler.
 * @fires comet-step-patch - onError changed ({ onError }).
 */
@customElement('comet-workflow-step-failure')
export class CometWorkflowStepFailure extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-s);
      }
      .compensation {
        display: grid;
        gap: var(--comet-space-s);
        padding: var(--comet-space-s);
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface-sunken);
      }
    `,
  ];

  @property({ attribute: false }) accessor onError: ErrorHandler | undefined;
  /** The handler's JSON Pointer ('/steps/2/onError'). */
  @property() accessor path = '';
  @property({ attribute: false }) accessor definition!: WorkflowDefinition;
  /** The step's place in the workflow. */
  @property({ type: Number }) accessor index = 0;
  @property({ attribute: false }) accessor capabilities: CapabilityRegistry | undefined;
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('select')?.focus(options);
  }

  override render() {
    const handler = this.onError;
    const kind = typeof handler === 'object' && handler !== null ? 'compensate' : (handler ?? 'fail');
    const choice = CHOICES.find((c) => c.value === kind);
    const problems = this.#problemsAt(this.path);
    return html`
      <div class="field">
        <label for="kind">Then</label>
        <select id="kind" class="control" @change=${this.#pick}>
          ${CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === kind}>${c.label}</option>`)}
        </select>
        ${problems ? html`<p class="field-error">${problems}</p>` : html`<p class="hint">${choice?.hint}</p>`}
      </div>
      ${kind === 'compensate' ? this.#renderCompensation(handler as Compensation) : nothing}
    `;
  }

  #renderCompensation(handler: Compensation) {
    const compensate = handler.compensate ?? { capability: '' };
    const capability = this.capabilities?.get(compensate.capability);
    const at = `${this.path}/compensate`;
    const capabilityProblems = this.#problemsAt(`${at}/capability`);
    const suggestions = referenceSuggestions(
      this.definition,
      this.index,
      this.capabilities ?? { get: () => undefined },
      'compensate',
    );
    const set = (patch: Partial<Compensation['compensate']>) =>
      this.#emit({ ...handler, compensate: { ...compensate, ...patch } });
    return html`<div class="compensation">
      <div class="grid-2">
        <div class="field" data-path="${at}/capability">
          <label for="capability" class="required">Compensation capability</label>
          <select
            id="capability"
            class="control"
            aria-invalid=${capabilityProblems ? 'true' : 'false'}
            @change=${(e: Event) => set({ capability: (e.target as HTMLSelectElement).value, input: {} })}
          >
            <option value="" ?selected=${!compensate.capability}>Pick one…</option>
            ${(this.capabilities?.list() ?? []).map(
              (c) => html`<option value=${c.name} ?selected=${c.name === compensate.capability}>${c.name}</option>`,
            )}
          </select>
          ${capabilityProblems ? html`<p class="field-error">${capabilityProblems}</p>` : nothing}
        </div>
        <div class="field">
          <label for="then">Afterwards</label>
          <select
            id="then"
            class="control"
            @change=${(e: Event) =>
              this.#emit({ ...handler, then: (e.target as HTMLSelectElement).value as 'fail' | 'continue' })}
          >
            <option value="fail" ?selected=${handler.then !== 'continue'}>Fail the run</option>
            <option value="continue" ?selected=${handler.then === 'continue'}>Continue as if skipped</option>
          </select>
        </div>
      </div>
      ${capability ? html`<p class="hint">${capability.description}</p>` : nothing}
      ${
        capability
          ? html`<comet-workflow-schema-form
              data-path="${at}/input"
              .schema=${capability.inputSchema}
              .value=${compensate.input ?? {}}
              .path=${`${at}/input`}
              .suggestions=${suggestions}
              .problems=${this.problems}
              @comet-value-change=${(e: ValueChangeEvent) => set({ input: e.detail.value })}
            ></comet-workflow-schema-form>`
          : nothing
      }
    </div>`;
  }

  #pick = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value === 'fail') this.#emit(undefined);
    else if (value === 'continue') this.#emit('continue');
    else this.#emit({ compensate: { capability: 'log.write', input: {} }, then: 'fail' });
  };

  #problemsAt(path: string): string {
    return this.problems
      .filter((p) => p.path === path)
      .map((p) => p.message)
      .join('; ');
  }

  #emit(onError: ErrorHandler | undefined): void {
    this.dispatchEvent(new CustomEvent('comet-step-patch', { detail: { onError } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-step-failure': CometWorkflowStepFailure;
  }
}
