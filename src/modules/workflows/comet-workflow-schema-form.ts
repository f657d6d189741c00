import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { JsonSchema } from '../../core/capabilities/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-reference-input.js';
import type { TextChangeEvent } from './comet-workflow-reference-input.js';
import { childPointer } from './model/references.js';
import type { WorkflowProblem } from './model/types.js';
import type { ReferenceSuggestion } from './reference-suggestions.js';
import {
  emptyValue,
  fieldHint,
  fieldKind,
  isReferenceText,
  fieldLabel,
  jsonFieldText,
  properties,
  readJsonField,
  readNumber,
  textOf,
  variantLabel,
  variantOf,
  variants,
  type FieldKind,
} from './schema-form-model.js';
import { addButtonStyles, fieldStyles, workflowStyles } from './workflow-styles.js';

/** A value of the form changed (undefined: the field was cleared). */
export type ValueChangeEvent = CustomEvent<{ value: unknown }>;

/**
 * A form generated from a JSON Schema: text (with reference suggestions), numbers, booleans, enums as selects,
 * objects as field groups, arrays as lists, oneOf/anyOf as a select of variants; any other shape is a JSON field.
 * Fields that are not text can hold a reference instead ("{{…}}" toggles it). Each field is marked with the JSON
 * Pointer of its value (`data-path`), shows the problems located there, and can be focused from a problem list.
 * @summary A form generated from a JSON Schema.
 * @fires comet-value-change - The value changed ({ value }).
 */
@customElement('comet-workflow-schema-form')
export class CometWorkflowSchemaForm extends LitElement {
  static override styles = [
    baseStyles,
    workflowStyles,
    fieldStyles,
    addButtonStyles,
    css`
      fieldset.group {
        padding: var(--comet-space-s);
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
      }
      fieldset.root {
        gap: var(--comet-space-s);
      }
      .head {
        display: flex;
        align-items: flex-end;
        gap: var(--comet-space-xs);
      }
      .head > :first-child {
        flex: 1;
        min-width: 0;
      }
      .ref-toggle {
        height: 32px;
        padding: 0 8px;
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface);
        color: var(--comet-text-quiet);
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-2xs);
        cursor: pointer;
      }
      .ref-toggle[aria-pressed='true'] {
        border-color: color-mix(in oklab, var(--comet-accent) 50%, var(--comet-border));
        background: var(--comet-accent-soft);
        color: var(--comet-accent-text);
      }
      .items {
        display: grid;
        gap: var(--comet-space-xs);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .item {
        display: flex;
        align-items: flex-start;
        gap: var(--comet-space-2xs);
      }
      .item > :first-child {
        flex: 1;
        min-width: 0;
      }
      .const {
        margin: 0;
        font-size: var(--comet-font-size-s);
      }
      .extra {
        margin: 0;
      }
    `,
  ];

  /** The schema of the value. */
  @property({ attribute: false }) accessor schema: JsonSchema | undefined;
  /** The value. */
  @property({ attribute: false }) accessor value: unknown;
  /** The JSON Pointer of the value in the workflow ('/steps/0/input'). */
  @property() accessor path = '';
  /** The field's label (none for the root of a form). */
  @property() accessor label = '';
  @property({ type: Boolean }) accessor required = false;
  /** The references text fields offer. */
  @property({ attribute: false }) accessor suggestions: readonly ReferenceSuggestion[] = [];
  /** The workflow's problems (each field shows those located at its path). */
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];
  /** Values only, no references (a run's inputs): no "{{…}}" switches, no suggestions. */
  @property({ type: Boolean }) accessor plain = false;

  /** A non-text field switched to holding a reference. */
  @state() accessor asReference = false;
  /** The text being typed in a number or JSON field (kept while it is not a value yet). */
  @state() accessor text = '';
  #emitted: unknown = Symbol('none');

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('schema')) {
      const kind = fieldKind(this.schema);
      if (!sameValue(this.value, this.#emitted)) {
        this.asReference = !this.plain && kind !== 'text' && kind !== 'json' && isReferenceText(this.value);
        this.text = kind === 'json' ? jsonFieldText(this.value) : textOf(this.value);
      }
    }
  }

  /** Focuses the first control of the field. */
  override focus(options?: FocusOptions): void {
    const target = this.renderRoot.querySelector<HTMLElement>(
      'comet-workflow-reference-input, comet-workflow-schema-form, .control, wa-checkbox, button',
    );
    target?.focus(options);
  }

  override render() {
    const kind = fieldKind(this.schema);
    if (kind === 'object' && !this.asReference) return this.#renderObject();
    if (this.asReference || kind === 'text') return this.#withToggle(kind, this.#renderText());
    switch (kind) {
      case 'number':
        return this.#withToggle(kind, this.#renderNumber());
      case 'boolean':
        return this.#withToggle(kind, this.#renderBoolean());
      case 'enum':
        return this.#withToggle(kind, this.#renderEnum());
      case 'const':
        return this.#renderConst();
      case 'array':
        return this.#renderArray();
      case 'choice':
        return this.#renderChoice();
      default:
        return this.#renderJson();
    }
  }

  #problemsHere(): string {
    return this.problems
      .filter((p) => p.path === this.path)
      .map((p) => p.message)
      .join('; ');
  }

  #emit(value: unknown): void {
    this.#emitted = value;
    this.value = value;
    this.dispatchEvent(new CustomEvent('comet-value-change', { detail: { value } }));
  }

  /** A field with the "{{…}}" switch that lets a non-text field hold a reference. */
  #withToggle(kind: FieldKind, field: unknown) {
    if (kind === 'text' || this.plain) return field;
    return html`<div class="head">
      ${field}
      <button
        type="button"
        class="ref-toggle"
        aria-pressed=${this.asReference ? 'true' : 'false'}
        title="Use a reference instead of a fixed value"
        @click=${() => {
          this.asReference = !this.asReference;
          this.#emit(this.asReference ? '{{' : undefined);
          void this.updateComplete.then(() => this.focus());
        }}
      >
        {{ }}<span class="visually-hidden"> Use a reference for ${this.label || 'this field'}</span>
      </button>
    </div>`;
  }

  #renderText() {
    return html`<comet-workflow-reference-input
      label=${this.label}
      hint=${fieldHint(this.schema)}
      error=${this.#problemsHere()}
      ?required=${this.required}
      .value=${textOf(this.value)}
      .suggestions=${this.suggestions}
      ?plain=${this.plain}
      placeholder=${placeholderOf(this.schema)}
      @comet-text-change=${(e: TextChangeEvent) => this.#emit(e.detail.value === '' ? undefined : e.detail.value)}
    ></comet-workflow-reference-input>`;
  }

  #renderNumber() {
    return html`<comet-workflow-reference-input
      label=${this.label}
      hint=${fieldHint(this.schema)}
      error=${this.#problemsHere()}
      inputmode="decimal"
      ?required=${this.required}
      .value=${this.text}
      .suggestions=${this.suggestions}
      ?plain=${this.plain}
      placeholder=${placeholderOf(this.schema)}
      @comet-text-change=${(e: TextChangeEvent) => {
        this.text = e.detail.value;
        this.#emit(readNumber(e.detail.value));
      }}
    ></comet-workflow-reference-input>`;
  }

  #renderBoolean() {
    const fallback = (this.schema as { default?: unknown } | undefined)?.default === true;
    const error = this.#problemsHere();
    return html`<div class="field">
      <wa-checkbox
        size="s"
        .checked=${live(typeof this.value === 'boolean' ? this.value : fallback)}
        hint=${fieldHint(this.schema)}
        @change=${(e: Event) => this.#emit((e.target as HTMLInputElement).checked)}
        >${this.label}</wa-checkbox
      >
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
    </div>`;
  }

  #renderEnum() {
    const options = (this.schema as { enum: unknown[] }).enum;
    const current = options.findIndex((o) => sameValue(o, this.value));
    const fallback = (this.schema as { default?: unknown }).default;
    const error = this.#problemsHere();
    return html`<div class="field">
      <label for="select" class=${this.required ? 'required' : ''}>${this.label}</label>
      <select
        id="select"
        class="control"
        aria-invalid=${error ? 'true' : 'false'}
        @change=${(e: Event) => {
          const index = Number((e.target as HTMLSelectElement).value);
          this.#emit(index < 0 ? undefined : options[index]);
        }}
      >
        ${
          this.required && current >= 0
            ? nothing
            : html`<option value="-1" ?selected=${current < 0}>
                ${fallback === undefined ? '—' : `Default (${textOf(fallback)})`}
              </option>`
        }
        ${options.map((o, i) => html`<option value=${i} ?selected=${i === current}>${textOf(o)}</option>`)}
      </select>
      ${error ? html`<p class="field-error">${error}</p>` : html`<p class="hint">${fieldHint(this.schema)}</p>`}
    </div>`;
  }

  #renderConst() {
    return html`<p class="const">
      <span class="field-label">${this.label}</span>
      <code>${JSON.stringify((this.schema as { const: unknown }).const)}</code>
    </p>`;
  }

  #renderObject() {
    const object = isRecord(this.value) ? this.value : {};
    const fields = properties(this.schema);
    const known = new Set(fields.map((f) => f.name));
    const extra = Object.keys(object).filter((k) => !known.has(k));
    const root = !this.label;
    const error = this.#problemsHere();
    return html`<fieldset class=${root ? 'root' : 'group'}>
      ${root ? nothing : html`<legend>${this.label}</legend>`}
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
      ${fields.map(
        (f) =>
          html`<comet-workflow-schema-form
            data-path=${childPointer(this.path, f.name)}
            .schema=${f.schema}
            .value=${object[f.name]}
            .path=${childPointer(this.path, f.name)}
            .label=${fieldLabel(f.name, f.schema)}
            ?required=${f.required}
            .suggestions=${this.suggestions}
            .problems=${this.problems}
            ?plain=${this.plain}
            @comet-value-change=${(e: ValueChangeEvent) => {
              e.stopPropagation();
              const next = { ...object };
              if (e.detail.value === undefined) delete next[f.name];
              else next[f.name] = e.detail.value;
              this.#emit(root || Object.keys(next).length ? next : undefined);
            }}
          ></comet-workflow-schema-form>`,
      )}
      ${
        extra.length
          ? html`<p class="hint extra">
              Also set: ${extra.map((k) => html`<code>${k}</code> `)}(edit them in the JSON).
            </p>`
          : nothing
      }
    </fieldset>`;
  }

  #renderArray() {
    if (!this.plain && (this.asReference || typeof this.value === 'string'))
      return this.#withToggle('array', this.#renderText());
    const list: unknown[] = Array.isArray(this.value) ? (this.value as unknown[]) : [];
    const itemSchema = (this.schema as { items?: JsonSchema }).items;
    const error = this.#problemsHere();
    const change = (next: unknown[]) => this.#emit(next.length ? next : undefined);
    return html`<fieldset class="group">
      <legend>${this.label || 'Items'}</legend>
      <div class="head">
        <p class="hint">${fieldHint(this.schema) || `${list.length} item${list.length === 1 ? '' : 's'}`}</p>
        ${
          this.plain
            ? nothing
            : html`<button type="button" class="ref-toggle" aria-pressed="false" @click=${() => this.#emit('{{')}>
                {{ }}<span class="visually-hidden"> Use a reference for ${this.label || 'the list'}</span>
              </button>`
        }
      </div>
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
      <ul class="items">
        ${list.map(
          (item, i) =>
            html`<li class="item">
              <comet-workflow-schema-form
                data-path=${childPointer(this.path, i)}
                .schema=${itemSchema}
                .value=${item}
                .path=${childPointer(this.path, i)}
                .label=${`${this.label || 'Item'} ${i + 1}`}
                .suggestions=${this.suggestions}
                .problems=${this.problems}
                ?plain=${this.plain}
                @comet-value-change=${(e: ValueChangeEvent) => {
                  e.stopPropagation();
                  change(list.map((old, j) => (j === i ? e.detail.value : old)));
                }}
              ></comet-workflow-schema-form>
              <button
                type="button"
                class="icon-button danger"
                title="Remove"
                @click=${() => change(list.filter((_, j) => j !== i))}
              >
                ${icon('close')}<span class="visually-hidden">Remove ${this.label || 'item'} ${i + 1}</span>
              </button>
            </li>`,
        )}
      </ul>
      <button type="button" class="add" @click=${() => change([...list, emptyValue(itemSchema)])}>
        ${icon('plus')}Add ${this.label ? `to ${this.label}` : 'an item'}
      </button>
    </fieldset>`;
  }

  #renderChoice() {
    const options = variants(this.schema);
    const chosen = variantOf(this.schema, this.value) ?? (this.value === undefined ? -1 : 0);
    return html`<fieldset class="group">
      <legend>${this.label || 'Value'}</legend>
      <div class="field">
        <label for="variant">Kind</label>
        <select
          id="variant"
          class="control"
          @change=${(e: Event) => {
            const index = Number((e.target as HTMLSelectElement).value);
            this.#emit(index < 0 ? undefined : emptyValue(options[index]));
          }}
        >
          ${this.required ? nothing : html`<option value="-1" ?selected=${chosen < 0}>— not set</option>`}
          ${options.map((v, i) => html`<option value=${i} ?selected=${i === chosen}>${variantLabel(v, i)}</option>`)}
        </select>
        <p class="hint">${fieldHint(this.schema)}</p>
      </div>
      ${
        chosen >= 0
          ? html`<comet-workflow-schema-form
              .schema=${options[chosen]}
              .value=${this.value}
              .path=${this.path}
              .suggestions=${this.suggestions}
              .problems=${this.problems}
              ?plain=${this.plain}
              @comet-value-change=${(e: ValueChangeEvent) => {
                e.stopPropagation();
                this.#emit(e.detail.value);
              }}
            ></comet-workflow-schema-form>`
          : nothing
      }
    </fieldset>`;
  }

  #renderJson() {
    const error = this.#problemsHere();
    const asText = readJsonField(this.text).asText;
    const meaning =
      isReferenceText(this.text.trim()) && /^\{\{[^{}]*\}\}$/.test(this.text.trim())
        ? 'A reference: the value it names is passed as it is.'
        : asText
          ? 'Not JSON: it is sent as this text.'
          : 'Any JSON value.';
    return html`<comet-workflow-reference-input
      label=${this.label || 'Value (JSON)'}
      mono
      multiline
      hint=${[fieldHint(this.schema), meaning].join(' ').trim()}
      error=${error}
      .value=${this.text}
      .suggestions=${this.suggestions}
      ?plain=${this.plain}
      @comet-text-change=${(e: TextChangeEvent) => {
        this.text = e.detail.value;
        this.#emit(readJsonField(e.detail.value).value);
      }}
    ></comet-workflow-reference-input>`;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** An example for a text field: its default, or a URL for URL fields. */
function placeholderOf(schema: JsonSchema | undefined): string {
  const s = typeof schema === 'object' && schema !== null ? schema : {};
  if (s.default !== undefined) return textOf(s.default);
  if (s.format === 'uri') return 'https://api.example.com/items or {{inputs.url}}';
  return '';
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-schema-form': CometWorkflowSchemaForm;
  }
  interface HTMLElementEventMap {
    'comet-value-change': ValueChangeEvent;
  }
}
