import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/textarea/textarea.js';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-inputs.js';
import type { InputsChangeEvent } from './comet-workflow-inputs.js';
import './comet-workflow-triggers.js';
import type { TriggersChangeEvent } from './comet-workflow-triggers.js';
import type { WorkflowDefinition, WorkflowProblem } from './model/types.js';
import { readNumber } from './schema-form-model.js';
import { fieldStyles } from './workflow-styles.js';

/** Top-level fields of the workflow changed (undefined values remove their field). */
export type DefinitionPatchEvent = CustomEvent<Partial<WorkflowDefinition>>;

/**
 * The workflow's own settings: name, id (fixed once saved: it is the principal's name), description, the inputs a
 * run takes, its triggers, and its limits (steps at once per run, runs at once).
 * @summary Workflow settings.
 * @fires comet-definition-patch - Top-level fields changed (a Partial<WorkflowDefinition>).
 */
@customElement('comet-workflow-settings')
export class CometWorkflowSettings extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-l);
      }
      section {
        display: grid;
        gap: var(--comet-space-s);
      }
      h3 {
        margin: 0;
        color: var(--comet-text-faint);
        font-size: var(--comet-font-size-2xs);
        font-weight: 600;
        letter-spacing: 0.05em;
        text-transform: uppercase;
      }
    `,
  ];

  @property({ attribute: false }) accessor definition!: WorkflowDefinition;
  /** True once the workflow is saved: its id no longer changes. */
  @property({ type: Boolean }) accessor saved = false;
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];
  /** Now, for the next schedule occurrences. */
  @property({ type: Number }) accessor now = Date.now();

  override render() {
    const d = this.definition;
    return html`
      <section aria-label="About">
        <div class="grid-2">
          <wa-input
            size="s"
            label="Name"
            required
            data-path="/name"
            .value=${d.name ?? ''}
            @input=${(e: Event) => this.#emit({ name: (e.target as HTMLInputElement).value })}
            >${this.#hint('/name', 'For people: the list and the run view show it')}</wa-input
          >
          <wa-input
            size="s"
            label="Id"
            required
            data-path="/id"
            ?readonly=${this.saved}
            .value=${d.id ?? ''}
            @input=${(e: Event) => this.#emit({ id: (e.target as HTMLInputElement).value })}
            >${this.#hint('/id', this.saved ? `Fixed once saved: its calls are made as workflow:${d.id}` : 'Lower-case letters, digits and -; its calls are made as workflow:<id>')}</wa-input
          >
        </div>
        <wa-textarea
          size="s"
          label="Description"
          rows="2"
          resize="auto"
          data-path="/description"
          .value=${d.description ?? ''}
          @input=${(e: Event) => this.#emit({ description: (e.target as HTMLTextAreaElement).value || undefined })}
        ></wa-textarea>
      </section>
      <section aria-label="Inputs">
        <h3>Inputs</h3>
        <comet-workflow-inputs
          data-path="/inputs"
          .inputs=${d.inputs}
          .problems=${this.problems}
          @comet-inputs-change=${(e: InputsChangeEvent) => this.#emit({ inputs: e.detail.inputs })}
        ></comet-workflow-inputs>
      </section>
      <section aria-label="Triggers">
        <h3>Triggers</h3>
        <comet-workflow-triggers
          data-path="/triggers"
          .triggers=${d.triggers}
          .problems=${this.problems}
          .now=${this.now}
          @comet-triggers-change=${(e: TriggersChangeEvent) => this.#emit({ triggers: e.detail.triggers })}
        ></comet-workflow-triggers>
      </section>
      <section aria-label="Limits">
        <h3>Limits</h3>
        <div class="grid-3">
          <wa-input
            size="s"
            label="Steps at once"
            inputmode="numeric"
            placeholder="8"
            data-path="/maxParallel"
            .value=${d.maxParallel === undefined ? '' : String(d.maxParallel)}
            @input=${(e: Event) => this.#emit({ maxParallel: readNumber((e.target as HTMLInputElement).value) as number })}
            >${this.#hint('/maxParallel', 'Per run (default 8)')}</wa-input
          >
          <wa-input
            size="s"
            label="Runs at once"
            inputmode="numeric"
            placeholder="no limit"
            data-path="/concurrency/limit"
            .value=${d.concurrency?.limit === undefined ? '' : String(d.concurrency.limit)}
            @input=${(e: Event) => {
              const limit = readNumber((e.target as HTMLInputElement).value) as number | undefined;
              this.#emit({ concurrency: limit === undefined ? undefined : { ...d.concurrency, limit } });
            }}
            >${this.#hint('/concurrency/limit', 'Of this workflow')}</wa-input
          >
          <wa-input
            size="s"
            label="Counted per"
            placeholder="{{inputs.account}}"
            data-path="/concurrency/key"
            ?disabled=${d.concurrency === undefined}
            .value=${d.concurrency?.key ?? ''}
            @input=${(e: Event) =>
              this.#emit({
                concurrency: { ...d.concurrency!, key: (e.target as HTMLInputElement).value || undefined },
              })}
            >${this.#hint('/concurrency/key', 'Optional template')}</wa-input
          >
        </div>
      </section>
    `;
  }

  #hint(path: string, help: string) {
    const problems = this.problems.filter((p) => p.path === path).map((p) => p.message);
    return problems.length
      ? html`<div slot="hint" class="field-error">${problems.join('; ')}</div>`
      : html`<div slot="hint">${help}</div>`;
  }

  #emit(patch: Partial<WorkflowDefinition>): void {
    this.dispatchEvent(new CustomEvent('comet-definition-patch', { detail: patch }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-settings': CometWorkflowSettings;
  }
  interface HTMLElementEventMap {
    'comet-definition-patch': DefinitionPatchEvent;
  }
}
