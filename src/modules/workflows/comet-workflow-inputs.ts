import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import type { WorkflowProblem } from './model/types.js';
import { readJsonField, textOf } from './schema-form-model.js';
import { addButtonStyles, fieldStyles, workflowStyles } from './workflow-styles.js';

/** The inputs schema changed (undefined: the workflow takes no inputs). */
export type InputsChangeEvent = CustomEvent<{ inputs: Record<string, unknown> | undefined }>;

/** The types the simple form offers. */
const TYPES = ['string', 'number', 'integer', 'boolean'] as const;
type SimpleType = (typeof TYPES)[number];

interface Property {
  type?: unknown;
  description?: unknown;
  default?: unknown;
  [keyword: string]: unknown;
}

/** A property the simple form can edit (its other keywords, e.g. a pattern, are kept as they are). */
function isSimple(schema: Property): boolean {
  return TYPES.includes(schema.type as SimpleType);
}

/**
 * The inputs a run takes, as rows (name, type, description, default, required) that write the workflow's inputs
 * JSON Schema. Properties with other shapes are listed as they are and edited in the JSON.
 * @summary The inputs of a workflow.
 * @fires comet-inputs-change - The inputs schema changed ({ inputs }).
 */
@customElement('comet-workflow-inputs')
export class CometWorkflowInputs extends LitElement {
  static override styles = [
    baseStyles,
    workflowStyles,
    fieldStyles,
    addButtonStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-xs);
      }
      ul {
        display: grid;
        gap: var(--comet-space-xs);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 130px auto auto;
        gap: var(--comet-space-xs) var(--comet-space-s);
        align-items: end;
        padding: var(--comet-space-s);
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
      }
      li .description {
        grid-column: 1 / 3;
      }
      li .default {
        grid-column: 3 / 5;
      }
      li.complex {
        display: flex;
        align-items: center;
      }
      wa-checkbox {
        padding-bottom: 7px;
      }
    `,
  ];

  /** The workflow's inputs schema. */
  @property({ attribute: false }) accessor inputs: Record<string, unknown> | undefined;
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];

  override render() {
    const properties = this.#properties();
    const required = this.#required();
    const problems = this.problems.filter((p) => p.path === '/inputs' || p.path.startsWith('/inputs/'));
    return html`
      ${
        properties.length
          ? html`<ul>
              ${properties.map(([name, schema]) =>
                isSimple(schema)
                  ? this.#renderRow(name, schema, required.has(name))
                  : html`<li class="complex">
                      <code>${name}</code>
                      <span class="meta"
                        >A ${typeof schema.type === 'string' ? schema.type : 'complex'} input: edit it in the
                        JSON.</span
                      >
                    </li>`,
              )}
            </ul>`
          : html`<p class="hint">
              No inputs: every run is the same. Add one to pass a URL, a name or a number per run.
            </p>`
      }
      ${problems.length ? html`<p class="field-error">${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}</p>` : nothing}
      <button type="button" class="add" @click=${this.#add}>${icon('plus')}Add an input</button>
    `;
  }

  #renderRow(name: string, schema: Property, required: boolean) {
    const type = schema.type as SimpleType;
    return html`<li data-path="/inputs/properties/${name}">
      <wa-input
        size="s"
        label="Name"
        .value=${name}
        @change=${(e: Event) => this.#rename(name, (e.target as HTMLInputElement).value.trim())}
      ></wa-input>
      <wa-select
        size="s"
        label="Type"
        .value=${type}
        @change=${(e: Event) => this.#set(name, { type: (e.target as HTMLSelectElement).value })}
      >
        ${TYPES.map((t) => html`<wa-option value=${t}>${t}</wa-option>`)}
      </wa-select>
      <wa-checkbox
        size="s"
        .checked=${required}
        @change=${(e: Event) => this.#require(name, (e.target as HTMLInputElement).checked)}
        >Required</wa-checkbox
      >
      <button type="button" class="icon-button danger" title="Remove input" @click=${() => this.#remove(name)}>
        ${icon('trash')}<span class="visually-hidden">Remove input ${name}</span>
      </button>
      <wa-input
        size="s"
        class="description"
        label="Description"
        .value=${textOf(schema.description)}
        @input=${(e: Event) => this.#set(name, { description: (e.target as HTMLInputElement).value || undefined })}
      ></wa-input>
      <wa-input
        size="s"
        class="default"
        label="Default"
        .value=${textOf(schema.default)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          this.#set(name, { default: type === 'string' ? text || undefined : readJsonField(text).value });
        }}
      ></wa-input>
    </li>`;
  }

  #properties(): [string, Property][] {
    const properties = this.inputs?.properties;
    return properties && typeof properties === 'object' ? Object.entries(properties as Record<string, Property>) : [];
  }

  #required(): Set<string> {
    return new Set(Array.isArray(this.inputs?.required) ? (this.inputs.required as string[]) : []);
  }

  #add = () => {
    const names = new Set(this.#properties().map(([n]) => n));
    let n = 1;
    while (names.has(`input${n}`)) n++;
    this.#write([...this.#properties(), [`input${n}`, { type: 'string' }]], this.#required());
  };

  #set(name: string, patch: Property): void {
    this.#write(
      this.#properties().map(([n, schema]) => {
        if (n !== name) return [n, schema];
        const next: Property = { ...schema, ...patch };
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
        return [n, next];
      }),
      this.#required(),
    );
  }

  #rename(from: string, to: string): void {
    if (!to || to === from || this.#properties().some(([n]) => n === to)) return;
    const required = this.#required();
    if (required.delete(from)) required.add(to);
    this.#write(
      this.#properties().map(([n, s]) => [n === from ? to : n, s]),
      required,
    );
  }

  #require(name: string, on: boolean): void {
    const required = this.#required();
    if (on) required.add(name);
    else required.delete(name);
    this.#write(this.#properties(), required);
  }

  #remove(name: string): void {
    const required = this.#required();
    required.delete(name);
    this.#write(
      this.#properties().filter(([n]) => n !== name),
      required,
    );
  }

  #write(properties: [string, Property][], required: Set<string>): void {
    const kept = [...required].filter((r) => properties.some(([n]) => n === r));
    const inputs = properties.length
      ? {
          ...(this.inputs ?? {}),
          type: 'object',
          properties: Object.fromEntries(properties),
          ...(kept.length ? { required: kept } : {}),
        }
      : undefined;
    if (inputs && !kept.length) delete (inputs as Record<string, unknown>).required;
    this.dispatchEvent(new CustomEvent('comet-inputs-change', { detail: { inputs } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-inputs': CometWorkflowInputs;
  }
  interface HTMLElementEventMap {
    'comet-inputs-change': InputsChangeEvent;
  }
}
