import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { CONDITION_OPS, type ConditionOp, type LocatedProblem } from '../../core/supervisor/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { grantFieldStyles } from './comet-supervisor-grant-form.styles.js';
import { problemsAt, type ConditionDraft } from './grant-draft.js';

/** Words for each operator, in the order CONDITION_OPS lists them. */
const OP_WORDS: Record<ConditionOp, string> = {
  equals: 'is',
  notEquals: 'is not',
  oneOf: 'is one of',
  glob: 'matches (glob)',
  urlPath: 'URL path matches',
  atMost: 'is at most',
  atLeast: 'is at least',
  exists: 'is given',
};

const PLACEHOLDERS: Record<ConditionOp, string> = {
  equals: 'GET',
  notEquals: 'DELETE',
  oneOf: 'GET, HEAD',
  glob: 'https://api.example.com/v1/*',
  urlPath: '/v1/*',
  atMost: '100',
  atLeast: '1',
  exists: '',
};

/**
 * The input conditions of a grant being added: each a path in the call's input, an operator and a value
 * ("method is GET", "url path matches /v1/*"). Every condition must hold for the grant to apply.
 * @summary Input conditions of the Add-grant form.
 * @fires comet-draft-change - The conditions changed ({ conditions }).
 */
@customElement('comet-supervisor-grant-conditions')
export class CometSupervisorGrantConditions extends LitElement {
  static override styles = [
    baseStyles,
    grantFieldStyles,
    css`
      .condition {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 170px minmax(0, 1.3fr) auto;
        gap: var(--comet-space-xs);
        align-items: start;
      }
      .condition + .condition {
        margin-top: var(--comet-space-xs);
      }
      .remove {
        margin-top: 26px;
      }
    `,
  ];

  /** The conditions as typed. */
  @property({ attribute: false })
  accessor conditions: readonly ConditionDraft[] = [];

  /** Problems of the whole grant; those at 'conditions[i]' show beside condition i. */
  @property({ attribute: false })
  accessor problems: readonly LocatedProblem[] = [];

  override render() {
    return html`
      ${
        this.conditions.length
          ? this.conditions.map((c, i) => this.#renderCondition(c, i))
          : html`<p class="quiet none">No conditions: the grant applies whatever the input.</p>`
      }
      <wa-button size="s" appearance="outlined" @click=${this.#add}
        ><span slot="start">${icon('plus')}</span>Add condition</wa-button
      >
    `;
  }

  #renderCondition(c: ConditionDraft, i: number) {
    const problems = problemsAt(this.problems, `conditions[${i}]`);
    return html`<div class="condition" role="group" aria-label="Condition ${i + 1}">
      <wa-input
        size="s"
        label="Input path"
        placeholder="method"
        .value=${c.path}
        @input=${(e: Event) => this.#set(i, { path: valueOf(e) })}
        >${problems.length ? html`<div slot="hint" class="field-error">${problems.join('; ')}</div>` : nothing}</wa-input
      >
      <wa-select
        size="s"
        label="Operator"
        .value=${c.op}
        @change=${(e: Event) => this.#set(i, { op: valueOf(e) as ConditionOp })}
      >
        ${CONDITION_OPS.map((op) => html`<wa-option value=${op}>${OP_WORDS[op]}</wa-option>`)}
      </wa-select>
      <wa-input
        size="s"
        label="Value"
        placeholder=${PLACEHOLDERS[c.op]}
        ?disabled=${c.op === 'exists'}
        .value=${c.op === 'exists' ? '' : c.value}
        @input=${(e: Event) => this.#set(i, { value: valueOf(e) })}
      ></wa-input>
      <wa-button
        class="remove"
        size="s"
        appearance="plain"
        @click=${() => this.#emit(this.conditions.filter((_, j) => j !== i))}
        >${icon('trash')}<span class="visually-hidden">Remove condition ${i + 1}</span></wa-button
      >
    </div>`;
  }

  #add = () => this.#emit([...this.conditions, { path: '', op: 'equals', value: '' }]);

  #set(i: number, patch: Partial<ConditionDraft>) {
    this.#emit(this.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  }

  #emit(conditions: ConditionDraft[]) {
    // Kept here at once too, so a second change before the form renders again builds on the first.
    this.conditions = conditions;
    this.dispatchEvent(new CustomEvent('comet-draft-change', { detail: { conditions } }));
  }
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-grant-conditions': CometSupervisorGrantConditions;
  }
}
