import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { matchSuggestions, type ReferenceSuggestion } from './reference-suggestions.js';
import { fieldStyles } from './workflow-styles.js';

/** The text of a field changed (as typed; the form decides what it means). */
export type TextChangeEvent = CustomEvent<{ value: string }>;

/** Where an open `{{` starts before the caret and what has been typed after it. */
interface OpenReference {
  start: number;
  typed: string;
}

/**
 * A text field that offers references as you type `{{`: a list of the paths the field may name (workflow inputs,
 * earlier steps' outputs and their fields, item/index in a fan-out), filtered by what follows the braces. The list
 * is a WAI-ARIA combobox popup: ArrowDown/ArrowUp move through it (aria-activedescendant), Enter or Tab inserts,
 * Escape closes; the pointer works too.
 * @summary A text field with reference suggestions.
 * @fires comet-text-change - The text changed ({ value }).
 */
@customElement('comet-workflow-reference-input')
export class CometWorkflowReferenceInput extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .wrap {
        position: relative;
      }
      [role='listbox'] {
        position: absolute;
        z-index: 20;
        inset: calc(100% + 2px) 0 auto;
        max-height: 260px;
        margin: 0;
        padding: 4px;
        overflow-y: auto;
        border: 1px solid var(--comet-border-strong);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface);
        box-shadow: var(--comet-shadow-m);
        list-style: none;
      }
      [role='option'] {
        display: grid;
        gap: 1px;
        padding: 5px 8px;
        border-radius: var(--comet-radius-s);
        cursor: pointer;
      }
      [role='option'] code {
        color: var(--comet-text);
        font-size: var(--comet-font-size-xs);
        overflow-wrap: anywhere;
      }
      [role='option'] span {
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-2xs);
      }
      [role='option'].active,
      [role='option']:hover {
        background: var(--comet-accent-soft);
      }
      [role='option'].active code {
        color: var(--comet-accent-text);
      }
      .none {
        padding: 6px 8px;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
      }
    `,
  ];

  /** The field's label. */
  @property() accessor label = '';
  /** The text. */
  @property() accessor value = '';
  /** Help shown under the field. */
  @property() accessor hint = '';
  /** A problem with the value, shown instead of the hint (and the field marked invalid). */
  @property() accessor error = '';
  @property() accessor placeholder = '';
  @property({ type: Boolean }) accessor required = false;
  /** A textarea instead of a one-line input. */
  @property({ type: Boolean }) accessor multiline = false;
  /** Use the monospace font (for paths and templates). */
  @property({ type: Boolean }) accessor mono = false;
  /** A hint for on-screen keyboards ('numeric', 'decimal'). */
  @property() accessor inputmode: string | undefined;
  /** The paths offered after `{{`. */
  @property({ attribute: false })
  accessor suggestions: readonly ReferenceSuggestion[] = [];
  /** A plain text field that offers no references (for values, e.g. a run's inputs). */
  @property({ type: Boolean }) accessor plain = false;

  @state() accessor open: OpenReference | undefined;
  @state() accessor active = 0;

  @query('.control') accessor control: HTMLInputElement | HTMLTextAreaElement | null = null;

  /** Focuses the text control. */
  override focus(options?: FocusOptions): void {
    this.control?.focus(options);
  }

  /** The suggestions for what is typed now (empty when no reference is open). */
  get suggested(): ReferenceSuggestion[] {
    return this.open ? matchSuggestions(this.suggestions, this.open.typed) : [];
  }

  override render() {
    const matches = this.suggested;
    const expanded = this.open !== undefined;
    const activeId = expanded && matches.length ? `option-${this.active}` : undefined;
    const described = this.error || this.hint ? 'help' : undefined;
    const common = {
      class: classMap({ control: true, mono: this.mono }),
    };
    const control = this.plain
      ? this.#renderPlain(described)
      : this.multiline
        ? html`<textarea
            id="control"
            class=${common.class}
            rows="3"
            spellcheck="false"
            placeholder=${this.placeholder}
            aria-autocomplete="list"
            aria-controls="suggestions"
            aria-activedescendant=${ifDefined(activeId)}
            aria-describedby=${ifDefined(described)}
            aria-invalid=${this.error ? 'true' : 'false'}
            ?required=${this.required}
            .value=${live(this.value)}
            @input=${this.#input}
            @keydown=${this.#keydown}
            @click=${this.#sync}
            @blur=${this.#close}
          ></textarea>`
        : html`<input
            id="control"
            class=${common.class}
            type="text"
            role="combobox"
            aria-labelledby=${ifDefined(this.label ? 'label' : undefined)}
            aria-label=${ifDefined(this.label ? undefined : this.placeholder || 'Text')}
            autocomplete="off"
            spellcheck="false"
            inputmode=${ifDefined(this.inputmode as 'numeric' | undefined)}
            placeholder=${this.placeholder}
            aria-autocomplete="list"
            aria-expanded=${expanded ? 'true' : 'false'}
            aria-controls="suggestions"
            aria-activedescendant=${ifDefined(activeId)}
            aria-describedby=${ifDefined(described)}
            aria-invalid=${this.error ? 'true' : 'false'}
            ?required=${this.required}
            .value=${live(this.value)}
            @input=${this.#input}
            @keydown=${this.#keydown}
            @click=${this.#sync}
            @blur=${this.#close}
          />`;
    return html`<div class="field">
      ${this.label ? html`<label id="label" for="control" class=${this.required ? 'required' : ''}>${this.label}</label>` : nothing}
      <div class="wrap">${control} ${this.plain ? nothing : this.#renderList(matches, expanded)}</div>
      ${
        this.error
          ? html`<p id="help" class="field-error">${this.error}</p>`
          : this.hint
            ? html`<p id="help" class="hint">${this.hint}</p>`
            : nothing
      }
    </div>`;
  }

  /** A text field or textarea without the suggestion list. */
  #renderPlain(described: string | undefined) {
    const common = classMap({ control: true, mono: this.mono });
    return this.multiline
      ? html`<textarea
          id="control"
          class=${common}
          rows="3"
          spellcheck="false"
          placeholder=${this.placeholder}
          aria-describedby=${ifDefined(described)}
          aria-invalid=${this.error ? 'true' : 'false'}
          ?required=${this.required}
          .value=${live(this.value)}
          @input=${this.#input}
        ></textarea>`
      : html`<input
          id="control"
          class=${common}
          type="text"
          aria-labelledby=${ifDefined(this.label ? 'label' : undefined)}
          aria-label=${ifDefined(this.label ? undefined : this.placeholder || 'Text')}
          autocomplete="off"
          spellcheck="false"
          inputmode=${ifDefined(this.inputmode as 'numeric' | undefined)}
          placeholder=${this.placeholder}
          aria-describedby=${ifDefined(described)}
          aria-invalid=${this.error ? 'true' : 'false'}
          ?required=${this.required}
          .value=${live(this.value)}
          @input=${this.#input}
        />`;
  }

  /* eslint-disable lit-a11y/click-events-have-key-events -- the options are not focusable: the keyboard stays in the
     text field, which moves through them with aria-activedescendant (WAI-ARIA combobox); clicks are for the pointer. */
  #renderList(matches: ReferenceSuggestion[], expanded: boolean) {
    return html`<ul id="suggestions" role="listbox" aria-label="References" ?hidden=${!expanded}>
      ${
        matches.length
          ? matches.map(
              (s, i) =>
                html`<li
                  id="option-${i}"
                  role="option"
                  class=${i === this.active ? 'active' : ''}
                  aria-selected=${i === this.active ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()}
                  @click=${() => this.#insert(s)}
                >
                  <code>{{${s.path}}}</code><span>${s.detail}</span>
                </li>`,
            )
          : html`<li class="none" role="option" aria-disabled="true" aria-selected="false">
              Nothing to reference matches “${this.open?.typed}”
            </li>`
      }
    </ul>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

  #input = () => {
    const value = this.control?.value ?? '';
    this.value = value;
    this.dispatchEvent(new CustomEvent('comet-text-change', { detail: { value } }));
    this.#sync();
  };

  /** Opens, updates or closes the list for where the caret is now. */
  #sync = () => {
    if (this.plain) return;
    const open = openReference(this.control);
    if (open?.typed !== this.open?.typed || open?.start !== this.open?.start) this.active = 0;
    this.open = open;
  };

  #close = () => {
    this.open = undefined;
  };

  #keydown = (event: KeyboardEvent) => {
    const matches = this.suggested;
    if (!this.open) {
      if (event.key === 'ArrowDown' && openReference(this.control)) {
        this.#sync();
        event.preventDefault();
      }
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (matches.length) {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          this.active = (this.active + step + matches.length) % matches.length;
        }
        event.preventDefault();
        break;
      case 'Enter':
      case 'Tab':
        if (matches.length) {
          this.#insert(matches[this.active]);
          event.preventDefault();
        }
        break;
      case 'Escape':
        this.open = undefined;
        event.preventDefault();
        event.stopPropagation();
        break;
    }
  };

  /** Replaces the open `{{…` (and a `}}` right after the caret) with the chosen reference. */
  #insert(suggestion: ReferenceSuggestion): void {
    const control = this.control;
    const open = this.open;
    if (!control || !open) return;
    const caret = control.selectionStart ?? control.value.length;
    const after = control.value.slice(caret);
    const rest = /^[^{}\s]*\}\}/.exec(after)?.[0].length ?? 0;
    const reference = `{{${suggestion.path}}}`;
    const value = control.value.slice(0, open.start) + reference + after.slice(rest);
    control.value = value;
    const at = open.start + reference.length;
    control.setSelectionRange(at, at);
    this.open = undefined;
    this.value = value;
    this.dispatchEvent(new CustomEvent('comet-text-change', { detail: { value } }));
  }
}

/** The reference being typed at the caret: after an unescaped `{{` with no `}}` or line break since. */
export function openReference(control: HTMLInputElement | HTMLTextAreaElement | null): OpenReference | undefined {
  if (!control) return undefined;
  const caret = control.selectionStart ?? control.value.length;
  const before = control.value.slice(0, caret);
  const start = before.lastIndexOf('{{');
  if (start < 0 || before[start - 1] === '\\') return undefined;
  const typed = before.slice(start + 2);
  if (typed.includes('}}') || typed.includes('\n')) return undefined;
  return { start, typed };
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-reference-input': CometWorkflowReferenceInput;
  }
  interface HTMLElementEventMap {
    'comet-text-change': TextChangeEvent;
  }
}
