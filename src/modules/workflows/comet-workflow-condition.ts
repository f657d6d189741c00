import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-reference-input.js';
import type { TextChangeEvent } from './comet-workflow-reference-input.js';
import { CONDITION_OPERATORS, describeCondition } from './model/conditions.js';
import type { Condition, ConditionOperator, WorkflowProblem } from './model/types.js';
import type { ReferenceSuggestion } from './reference-suggestions.js';
import { readJsonField, textOf } from './schema-form-model.js';
import { fieldStyles } from './workflow-styles.js';

/** The condition changed (undefined: none). */
export type ConditionChangeEvent = CustomEvent<{ condition: Condition | undefined }>;

/** How the condition is written: none, a comparison, a single reference tested for truth, or JSON (all/any/not). */
type Mode = 'none' | 'compare' | 'reference' | 'json';

function modeOf(condition: Condition | undefined): Mode {
  if (condition === undefined) return 'none';
  if (typeof condition === 'string') return 'reference';
  if (typeof condition === 'object' && condition !== null && 'op' in condition) return 'compare';
  return 'json';
}

/**
 * A condition (`if` or `until`) as a form: a comparison (left, operator, right — each side may be a reference), a
 * single reference tested for truth, or JSON for combinations (all/any/not). A sentence shows how it reads.
 * @summary A condition editor.
 * @fires comet-condition-change - The condition changed ({ condition }).
 */
@customElement('comet-workflow-condition')
export class CometWorkflowCondition extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-xs);
      }
      .compare {
        display: grid;
        grid-template-columns: minmax(0, 1.3fr) minmax(120px, 0.7fr) minmax(0, 1fr);
        gap: var(--comet-space-xs);
        align-items: start;
      }
      .reads {
        margin: 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
      }
      @media (max-width: 640px) {
        .compare {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  /** The condition. */
  @property({ attribute: false }) accessor condition: Condition | undefined;
  /** The field's label ('Run only if'). */
  @property() accessor label = '';
  /** What no condition means ('Always run'). */
  @property() accessor noneLabel = 'No condition';
  /** The JSON Pointer of the condition ('/steps/1/if'). */
  @property() accessor path = '';
  @property({ attribute: false }) accessor suggestions: readonly ReferenceSuggestion[] = [];
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];

  /** The mode picked (kept while the condition is being written). */
  @state() accessor mode: Mode = 'none';
  /** The JSON being typed in JSON mode. */
  @state() accessor json = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('condition')) {
      // JSON mode stays while a combination is typed; otherwise the condition's shape picks the mode.
      if (this.condition === undefined) this.mode = 'none';
      else if (this.mode !== 'json') this.mode = modeOf(this.condition);
      const typed = JSON.stringify(readJsonField(this.json).value);
      if (this.mode === 'json' && typed !== JSON.stringify(this.condition))
        this.json = JSON.stringify(this.condition, null, 2);
    }
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('select')?.focus(options);
  }

  override render() {
    const problems = this.problems.filter((p) => p.path === this.path || p.path.startsWith(`${this.path}/`));
    return html`
      <div class="field">
        <label for="mode">${this.label}</label>
        <select id="mode" class="control" @change=${this.#pickMode}>
          <option value="none" ?selected=${this.mode === 'none'}>${this.noneLabel}</option>
          <option value="compare" ?selected=${this.mode === 'compare'}>When a value compares…</option>
          <option value="reference" ?selected=${this.mode === 'reference'}>When a reference is true</option>
          <option value="json" ?selected=${this.mode === 'json'}>Combination (JSON: all, any, not)</option>
        </select>
      </div>
      ${this.#renderMode()}
      ${problems.length ? html`<p class="field-error">${problems.map((p) => p.message).join('; ')}</p>` : nothing}
      ${
        this.condition !== undefined && !problems.length
          ? html`<p class="reads">Reads as: ${safeDescribe(this.condition)}</p>`
          : nothing
      }
    `;
  }

  #renderMode() {
    const c = this.condition;
    switch (this.mode) {
      case 'compare': {
        const compare = typeof c === 'object' && c !== null && 'op' in c ? c : { left: '', op: 'eq' as const };
        const binary = CONDITION_OPERATORS[compare.op]?.binary ?? true;
        return html`<div class="compare">
          <comet-workflow-reference-input
            label="Value"
            mono
            placeholder="{{steps.check.output.status}}"
            .value=${textOf(compare.left)}
            .suggestions=${this.suggestions}
            @comet-text-change=${(e: TextChangeEvent) => this.#emit({ ...compare, left: e.detail.value })}
          ></comet-workflow-reference-input>
          <div class="field">
            <label for="op">Test</label>
            <select
              id="op"
              class="control"
              @change=${(e: Event) => {
                const op = (e.target as HTMLSelectElement).value as ConditionOperator;
                const { right, ...rest } = compare;
                this.#emit(CONDITION_OPERATORS[op].binary ? { ...rest, op, right } : { ...rest, op });
              }}
            >
              ${Object.entries(CONDITION_OPERATORS).map(
                ([op, { words }]) => html`<option value=${op} ?selected=${op === compare.op}>${words}</option>`,
              )}
            </select>
          </div>
          ${
            binary
              ? html`<comet-workflow-reference-input
                  label="Compared with"
                  mono
                  placeholder="done"
                  hint="Text, a number, JSON or a reference"
                  .value=${textOf(compare.right)}
                  .suggestions=${this.suggestions}
                  @comet-text-change=${(e: TextChangeEvent) =>
                    this.#emit({ ...compare, right: readJsonField(e.detail.value).value })}
                ></comet-workflow-reference-input>`
              : nothing
          }
        </div>`;
      }
      case 'reference':
        return html`<comet-workflow-reference-input
          label="Reference"
          mono
          placeholder="{{steps.check.output.ready}}"
          hint="True unless false, 0, empty text, null or missing"
          .value=${typeof c === 'string' ? c : ''}
          .suggestions=${this.suggestions}
          @comet-text-change=${(e: TextChangeEvent) => this.#emit(e.detail.value || undefined)}
        ></comet-workflow-reference-input>`;
      case 'json':
        return html`<comet-workflow-reference-input
          label="Condition (JSON)"
          mono
          multiline
          hint='E.g. { "all": [{ "left": "{{inputs.n}}", "op": "gt", "right": 0 }, "{{steps.a.output.ok}}"] }'
          .value=${this.json}
          .suggestions=${this.suggestions}
          @comet-text-change=${(e: TextChangeEvent) => {
            this.json = e.detail.value;
            this.#emit(readJsonField(e.detail.value).value as Condition | undefined);
          }}
        ></comet-workflow-reference-input>`;
      default:
        return nothing;
    }
  }

  #pickMode = (event: Event) => {
    const mode = (event.target as HTMLSelectElement).value as Mode;
    this.mode = mode;
    if (mode === 'none') this.#emit(undefined);
    else if (mode === 'compare') this.#emit({ left: '', op: 'eq', right: '' });
    else if (mode === 'reference') this.#emit('{{}}');
    else {
      this.json = JSON.stringify(this.condition ?? { all: [] }, null, 2);
      this.#emit(this.condition ?? { all: [] });
    }
  };

  #emit(condition: Condition | undefined): void {
    this.dispatchEvent(new CustomEvent('comet-condition-change', { detail: { condition } }));
  }
}

function safeDescribe(condition: Condition): string {
  try {
    return describeCondition(condition);
  } catch (error) {
    if (error instanceof TypeError) return 'a condition of unexpected shape (see the JSON)';
    throw error;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-condition': CometWorkflowCondition;
  }
  interface HTMLElementEventMap {
    'comet-condition-change': ConditionChangeEvent;
  }
}
