import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AnyCapability, CapabilityRegistry } from '../../core/capabilities/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-condition.js';
import type { ConditionChangeEvent } from './comet-workflow-condition.js';
import './comet-workflow-retry.js';
import type { RetryChangeEvent } from './comet-workflow-retry.js';
import './comet-workflow-schema-form.js';
import type { ValueChangeEvent } from './comet-workflow-schema-form.js';
import './comet-workflow-step-flow.js';
import './comet-workflow-step-failure.js';
import type { StepPatchEvent } from './comet-workflow-step-flow.js';
import { stepStyles } from './comet-workflow-step.styles.js';
import { declaredDependencies, downstreamOf } from './model/graph.js';
import { stepsReferenced } from './model/references.js';
import type { WorkflowDefinition, WorkflowProblem, WorkflowStep } from './model/types.js';
import { referenceSuggestions } from './reference-suggestions.js';
import { fieldStyles, workflowStyles } from './workflow-styles.js';

/** A step was changed, removed, moved or opened/closed; `index` is its place in the list. */
export type StepChangeEvent = CustomEvent<{ index: number; step: WorkflowStep }>;
export type StepIndexEvent = CustomEvent<{ index: number }>;
export type StepMoveEvent = CustomEvent<{ index: number; to: number }>;

/**
 * One step of the editor's list: a header (number, name, capability, problems, move and remove) that opens its form —
 * id and name, the capability with its description, the input generated from the capability's schema (references
 * offered as you type), what it waits for and when it runs, fan-out and limits, retries with the simulator, and what
 * happens when it fails. Every field carries the JSON Pointer of its value (`data-path`).
 * @summary One step of the workflow editor.
 * @fires comet-step-change - The step changed ({ index, step }).
 * @fires comet-step-remove - Remove was pressed ({ index }).
 * @fires comet-step-move - Move up/down was pressed ({ index, to }).
 * @fires comet-step-toggle - The header was pressed ({ index }).
 */
@customElement('comet-workflow-step')
export class CometWorkflowStep extends LitElement {
  static override styles = [baseStyles, workflowStyles, fieldStyles, stepStyles];

  @property({ attribute: false }) accessor step!: WorkflowStep;
  @property({ type: Number }) accessor index = 0;
  /** The whole workflow (for references, dependencies and defaults). */
  @property({ attribute: false }) accessor definition!: WorkflowDefinition;
  @property({ attribute: false }) accessor capabilities: CapabilityRegistry | undefined;
  /** The workflow's problems. */
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];
  @property({ type: Boolean, reflect: true }) accessor expanded = false;

  override render() {
    const step = this.step;
    const base = `/steps/${this.index}`;
    const mine = this.problems.filter((p) => p.path === base || p.path.startsWith(`${base}/`));
    const count = Array.isArray(this.definition.steps) ? this.definition.steps.length : 0;
    const what = step.capability ?? (step.workflow ? `workflow ${step.workflow}` : 'no capability');
    return html`<article class="step ${mine.length ? 'has-problems' : ''}" aria-labelledby="head">
      <div class="head">
        <button
          id="head"
          type="button"
          class="toggle"
          aria-expanded=${this.expanded ? 'true' : 'false'}
          aria-controls="body"
          @click=${() => this.#fire('comet-step-toggle', { index: this.index })}
        >
          <span class="number" aria-hidden="true">${this.index + 1}</span>
          <span class="names">
            <span class="name">${step.name || step.id || 'Unnamed step'}</span>
            <span class="what"><code>${step.id}</code> · ${what}</span>
          </span>
          ${mine.length ? html`<span class="chip bad">${mine.length} problem${mine.length === 1 ? '' : 's'}</span>` : nothing}
          <span class="chevron" aria-hidden="true">${icon('chevron-right')}</span>
        </button>
        <div class="tools">
          <button
            type="button"
            class="icon-button"
            title="Move up"
            ?disabled=${this.index === 0}
            @click=${() => this.#fire('comet-step-move', { index: this.index, to: this.index - 1 })}
          >
            ${icon('arrow-up')}<span class="visually-hidden">Move ${step.id} up</span>
          </button>
          <button
            type="button"
            class="icon-button"
            title="Move down"
            ?disabled=${this.index >= count - 1}
            @click=${() => this.#fire('comet-step-move', { index: this.index, to: this.index + 1 })}
          >
            ${icon('arrow-down')}<span class="visually-hidden">Move ${step.id} down</span>
          </button>
          <button
            type="button"
            class="icon-button danger"
            title="Remove step"
            @click=${() => this.#fire('comet-step-remove', { index: this.index })}
          >
            ${icon('trash')}<span class="visually-hidden">Remove ${step.id}</span>
          </button>
        </div>
      </div>
      ${this.expanded ? this.#renderBody(base) : nothing}
    </article>`;
  }

  #renderBody(base: string) {
    const step = this.step;
    const capability = step.capability ? this.capabilities?.get(step.capability) : undefined;
    const suggestions = referenceSuggestions(
      this.definition,
      this.index,
      this.capabilities ?? { get: () => undefined },
    );
    return html`<div id="body" class="body">
      <section aria-label="Step">
        <div class="grid-2">
          ${this.#text('Id', 'id', step.id, 'Letters, digits, _ and -; referenced as steps.<id>', true)}
          ${this.#text('Name', 'name', step.name ?? '', 'For people (default: the id)')}
        </div>
        ${step.workflow !== undefined ? this.#renderSubWorkflow(base) : this.#renderCapability(base, capability)}
      </section>
      <section aria-label="Input">
        <h3>Input</h3>
        ${
          capability || step.workflow !== undefined
            ? html`<comet-workflow-schema-form
                data-path="${base}/input"
                .schema=${capability?.inputSchema ?? true}
                .value=${step.input ?? (capability ? {} : undefined)}
                .path=${`${base}/input`}
                .suggestions=${suggestions}
                .problems=${this.problems}
                @comet-value-change=${(e: ValueChangeEvent) => this.#patch({ input: e.detail.value })}
              ></comet-workflow-schema-form>`
            : html`<p class="hint">Pick a capability to fill in its input.</p>`
        }
      </section>
      <section aria-label="Order and conditions">
        <h3>Order and conditions</h3>
        ${this.#renderNeeds(base)}
        <comet-workflow-condition
          data-path="${base}/if"
          label="Run"
          noneLabel="Always"
          .path=${`${base}/if`}
          .condition=${step.if}
          .suggestions=${suggestions}
          .problems=${this.problems}
          @comet-condition-change=${(e: ConditionChangeEvent) => this.#patch({ if: e.detail.condition })}
        ></comet-workflow-condition>
      </section>
      <section aria-label="Fan-out and limits">
        <h3>Fan-out, repeat and limits</h3>
        <comet-workflow-step-flow
          .step=${step}
          .path=${base}
          .definition=${this.definition}
          .index=${this.index}
          .capabilities=${this.capabilities}
          .problems=${this.problems}
          @comet-step-patch=${(e: StepPatchEvent) => this.#patch(e.detail)}
        ></comet-workflow-step-flow>
      </section>
      <section aria-label="Retries and timeout">
        <h3>Retries and timeout</h3>
        <comet-workflow-retry
          .retry=${step.retry}
          .timeout=${step.timeout}
          .defaults=${this.definition.defaults}
          .path=${base}
          .problems=${this.problems}
          @comet-retry-change=${(e: RetryChangeEvent) => this.#patch(e.detail)}
        ></comet-workflow-retry>
      </section>
      <section aria-label="When it fails">
        <h3>When it fails for good</h3>
        <comet-workflow-step-failure
          data-path="${base}/onError"
          .onError=${step.onError}
          .path=${`${base}/onError`}
          .definition=${this.definition}
          .index=${this.index}
          .capabilities=${this.capabilities}
          .problems=${this.problems}
          @comet-step-patch=${(e: StepPatchEvent) => this.#patch(e.detail)}
        ></comet-workflow-step-failure>
      </section>
    </div>`;
  }

  #renderCapability(base: string, capability: AnyCapability | undefined) {
    const all = this.capabilities?.list() ?? [];
    const problems = this.#problemsAt(`${base}/capability`);
    const known = capability !== undefined || !this.step.capability;
    return html`<div class="field" data-path="${base}/capability">
      <label for="capability" class="required">Capability</label>
      <select
        id="capability"
        class="control"
        aria-invalid=${problems ? 'true' : 'false'}
        @change=${this.#pickCapability}
      >
        ${known ? nothing : html`<option selected>${this.step.capability} (not registered)</option>`}
        ${all.map(
          (c) =>
            html`<option value=${c.name} ?selected=${c.name === this.step.capability}>
              ${c.name}${c.hints?.title ? ` — ${c.hints.title}` : ''}
            </option>`,
        )}
      </select>
      ${problems ? html`<p class="field-error">${problems}</p>` : nothing}
      ${capability ? html`<p class="hint">${capability.description}</p>` : nothing}
    </div>`;
  }

  #renderSubWorkflow(base: string) {
    return this.#text(
      'Sub-workflow',
      'workflow',
      this.step.workflow ?? '',
      `The id of a saved workflow; it runs as its own principal`,
      true,
      `${base}/workflow`,
    );
  }

  #renderNeeds(base: string) {
    const step = this.step;
    const steps = Array.isArray(this.definition.steps) ? this.definition.steps : [];
    const later = safeDownstream(this.definition, step.id);
    const referenced = stepsReferenced([step.input, step.if, step.forEach, step.concurrency?.key, step.throttle?.key]);
    const needs = new Set(Array.isArray(step.needs) ? step.needs : []);
    const candidates = steps.filter((s) => s && s.id !== step.id && (!later.has(s.id) || needs.has(s.id)));
    const problems = this.#problemsAt(`${base}/needs`, true);
    return html`<div class="field" data-path="${base}/needs">
      <span class="field-label" id="needs-label">Waits for</span>
      ${
        candidates.length
          ? html`<div class="pills" role="group" aria-labelledby="needs-label">
              ${candidates.map((s) => {
                const viaReference = referenced.has(s.id) && !needs.has(s.id);
                return html`<button
                  type="button"
                  class="pill"
                  aria-pressed=${needs.has(s.id) || viaReference ? 'true' : 'false'}
                  ?disabled=${viaReference}
                  title=${viaReference ? 'Its input references this step' : ''}
                  @click=${() => this.#toggleNeed(s.id)}
                >
                  ${s.id}${viaReference ? html` <span class="via">(referenced)</span>` : nothing}
                </button>`;
              })}
            </div>`
          : html`<p class="hint">Nothing: it is the only step, or every other step comes after it.</p>`
      }
      ${problems ? html`<p class="field-error">${problems}</p>` : html`<p class="hint">${dependencyHint(this.step)}</p>`}
    </div>`;
  }

  #text(label: string, key: 'id' | 'name' | 'workflow', value: string, hint: string, required = false, path?: string) {
    const at = path ?? `/steps/${this.index}/${key}`;
    const problems = this.#problemsAt(at);
    return html`<wa-input
      size="s"
      data-path=${at}
      label=${label}
      ?required=${required}
      .value=${value}
      @input=${(e: Event) => this.#patch({ [key]: (e.target as HTMLInputElement).value || undefined })}
      >${problems ? html`<div slot="hint" class="field-error">${problems}</div>` : html`<div slot="hint">${hint}</div>`}</wa-input
    >`;
  }

  #problemsAt(path: string, inside = false): string {
    return this.problems
      .filter((p) => p.path === path || (inside && p.path.startsWith(`${path}/`)))
      .map((p) => p.message)
      .join('; ');
  }

  #pickCapability = (event: Event) => {
    const name = (event.target as HTMLSelectElement).value;
    this.#patch({ capability: name, input: {} });
  };

  #toggleNeed(id: string): void {
    const needs = new Set(Array.isArray(this.step.needs) ? this.step.needs : []);
    if (needs.has(id)) needs.delete(id);
    else needs.add(id);
    this.#patch({ needs: needs.size ? [...needs] : undefined });
  }

  /** Emits the step with `patch` applied (undefined values remove their field). */
  #patch(patch: Partial<WorkflowStep>): void {
    const step: Record<string, unknown> = { ...this.step, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete step[key];
    this.#fire('comet-step-change', { index: this.index, step: step as unknown as WorkflowStep });
  }

  #fire(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Which steps a step waits for because of its references, in words. */
function dependencyHint(step: WorkflowStep): string {
  const all = declaredDependencies(step);
  return all.size
    ? `Starts after ${[...all].join(', ')} finished.`
    : 'Starts at once, in parallel with the other steps that wait for nothing.';
}

function safeDownstream(definition: WorkflowDefinition, id: string): Set<string> {
  try {
    return downstreamOf(definition, id);
  } catch (error) {
    if (error instanceof TypeError) return new Set();
    throw error;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-step': CometWorkflowStep;
  }
  interface HTMLElementEventMap {
    'comet-step-change': StepChangeEvent;
    'comet-step-remove': StepIndexEvent;
    'comet-step-move': StepMoveEvent;
    'comet-step-toggle': StepIndexEvent;
  }
}
