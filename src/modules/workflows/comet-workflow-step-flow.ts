import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CapabilityRegistry } from '../../core/capabilities/index.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-condition.js';
import type { ConditionChangeEvent } from './comet-workflow-condition.js';
import './comet-workflow-reference-input.js';
import type { TextChangeEvent } from './comet-workflow-reference-input.js';
import type { WorkflowDefinition, WorkflowProblem, WorkflowStep } from './model/types.js';
import { referenceSuggestions } from './reference-suggestions.js';
import { readNumber, textOf } from './schema-form-model.js';
import { fieldStyles } from './workflow-styles.js';

/** Part of a step changed (undefined values remove their field). */
export type StepPatchEvent = CustomEvent<Partial<WorkflowStep>>;

/**
 * A step's flow control: fan-out over a list (forEach, with how many elements at once), repeating until a condition
 * holds on its output (`until`), and limits across runs (concurrency, throttle), each optionally keyed by a template.
 * @summary Fan-out, repeat and limits of a step.
 * @fires comet-step-patch - Part of the step changed (a Partial<WorkflowStep>).
 */
@customElement('comet-workflow-step-flow')
export class CometWorkflowStepFlow extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-s);
      }
      .sub {
        display: grid;
        gap: var(--comet-space-s);
        padding-inline-start: var(--comet-space-l);
      }
    `,
  ];

  @property({ attribute: false }) accessor step!: WorkflowStep;
  /** The step's JSON Pointer ('/steps/2'). */
  @property() accessor path = '';
  @property({ attribute: false }) accessor definition!: WorkflowDefinition;
  @property({ type: Number }) accessor index = 0;
  @property({ attribute: false }) accessor capabilities: CapabilityRegistry | undefined;
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];

  override render() {
    const step = this.step;
    const lookup = this.capabilities ?? { get: () => undefined };
    const suggestions = referenceSuggestions(this.definition, this.index, lookup);
    const fanOut = step.forEach !== undefined;
    const limited = step.concurrency !== undefined;
    const throttled = step.throttle !== undefined;
    return html`
      <wa-checkbox
        size="s"
        .checked=${fanOut}
        hint="Runs once per element, with {{item}} and {{index}}; its output is the list of outputs"
        @change=${(e: Event) =>
          this.#emit(
            (e.target as HTMLInputElement).checked
              ? { forEach: '{{}}' }
              : { forEach: undefined, forEachConcurrency: undefined },
          )}
        >Run once for each element of a list</wa-checkbox
      >
      ${
        fanOut
          ? html`<div class="sub grid-2">
              <comet-workflow-reference-input
                data-path="${this.path}/forEach"
                label="List"
                mono
                required
                placeholder="{{steps.fetch.output.body.items}}"
                error=${this.#problems('forEach')}
                .value=${step.forEach ?? ''}
                .suggestions=${suggestions.filter((s) => s.path !== 'item' && s.path !== 'index')}
                @comet-text-change=${(e: TextChangeEvent) => this.#emit({ forEach: e.detail.value })}
              ></comet-workflow-reference-input>
              ${this.#number('At once', 'forEachConcurrency', step.forEachConcurrency, '4', 'Elements running at the same time')}
            </div>`
          : nothing
      }
      <comet-workflow-condition
        data-path="${this.path}/until"
        label="Repeat"
        noneLabel="Once (no repeat)"
        .path=${`${this.path}/until`}
        .condition=${step.until}
        .suggestions=${referenceSuggestions(this.definition, this.index, lookup, 'until')}
        .problems=${this.problems}
        @comet-condition-change=${(e: ConditionChangeEvent) => this.#emit({ until: e.detail.condition })}
      ></comet-workflow-condition>
      ${step.until !== undefined ? html`<p class="hint">Retried with the retry policy below until its output satisfies this.</p>` : nothing}
      <wa-checkbox
        size="s"
        .checked=${limited}
        hint="Across every run of every workflow"
        @change=${(e: Event) =>
          this.#emit({ concurrency: (e.target as HTMLInputElement).checked ? { limit: 1 } : undefined })}
        >Limit how many run at once</wa-checkbox
      >
      ${
        limited
          ? html`<div class="sub grid-2">
              ${this.#number('At most', 'concurrency/limit', step.concurrency?.limit, '1', 'Executions at the same time')}
              ${this.#key('concurrency', step.concurrency?.key, suggestions)}
            </div>`
          : nothing
      }
      <wa-checkbox
        size="s"
        .checked=${throttled}
        hint="Later starts wait their turn"
        @change=${(e: Event) =>
          this.#emit({ throttle: (e.target as HTMLInputElement).checked ? { limit: 1, period: '1s' } : undefined })}
        >Throttle: at most N starts per period</wa-checkbox
      >
      ${
        throttled
          ? html`<div class="sub grid-3">
              ${this.#number('Starts', 'throttle/limit', step.throttle?.limit, '1', 'Per period')}
              <wa-input
                size="s"
                label="Period"
                data-path="${this.path}/throttle/period"
                .value=${String(step.throttle?.period ?? '')}
                @input=${(e: Event) => {
                  const text = (e.target as HTMLInputElement).value.trim();
                  this.#emit({ throttle: { ...step.throttle!, period: /^\d+$/.test(text) ? Number(text) : text } });
                }}
                >${this.#hint('throttle/period', 'e.g. 1s, 1m')}</wa-input
              >
              ${this.#key('throttle', step.throttle?.key, suggestions)}
            </div>`
          : nothing
      }
    `;
  }

  #number(label: string, field: string, value: unknown, placeholder: string, hint: string) {
    return html`<comet-workflow-reference-input
      data-path="${this.path}/${field}"
      label=${label}
      inputmode="numeric"
      placeholder=${placeholder}
      hint=${hint}
      error=${this.#problems(field)}
      .value=${textOf(value)}
      @comet-text-change=${(e: TextChangeEvent) => this.#set(field, readNumber(e.detail.value))}
    ></comet-workflow-reference-input>`;
  }

  #key(
    what: 'concurrency' | 'throttle',
    value: string | undefined,
    suggestions: ReturnType<typeof referenceSuggestions>,
  ) {
    return html`<comet-workflow-reference-input
      data-path="${this.path}/${what}/key"
      label="Counted per"
      mono
      placeholder="{{item.host}}"
      hint="Optional: one counter per value of this template"
      error=${this.#problems(`${what}/key`)}
      .value=${value ?? ''}
      .suggestions=${suggestions}
      @comet-text-change=${(e: TextChangeEvent) => this.#set(`${what}/key`, e.detail.value || undefined)}
    ></comet-workflow-reference-input>`;
  }

  /** Sets `field` ('forEachConcurrency', 'concurrency/limit', 'throttle/key') to `value`. */
  #set(field: string, value: unknown): void {
    const [top, sub] = field.split('/') as [keyof WorkflowStep, string | undefined];
    if (!sub) return this.#emit({ [top]: value });
    const current = { ...((this.step[top] as Record<string, unknown> | undefined) ?? {}) };
    if (value === undefined) delete current[sub];
    else current[sub] = value;
    this.#emit({ [top]: current });
  }

  #problems(field: string): string {
    const at = `${this.path}/${field}`;
    return this.problems
      .filter((p) => p.path === at)
      .map((p) => p.message)
      .join('; ');
  }

  #hint(field: string, help: string) {
    const problems = this.#problems(field);
    return problems
      ? html`<div slot="hint" class="field-error">${problems}</div>`
      : html`<div slot="hint">${help}</div>`;
  }

  #emit(patch: Partial<WorkflowStep>): void {
    this.dispatchEvent(new CustomEvent('comet-step-patch', { detail: patch }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-step-flow': CometWorkflowStepFlow;
  }
  interface HTMLElementEventMap {
    'comet-step-patch': StepPatchEvent;
  }
}
