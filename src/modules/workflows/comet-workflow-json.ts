import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { baseStyles } from '../../ui/shared-styles.js';
import type { WorkflowProblem } from './model/types.js';
import { lineColumn, pointerRange } from './services/json-text.js';
import { fieldStyles, workflowStyles } from './workflow-styles.js';

/** The JSON text was edited. */
export type JsonChangeEvent = CustomEvent<{ text: string }>;

/** A problem of the JSON view: a located workflow problem, or a syntax error at an offset. */
export type JsonProblem = WorkflowProblem & { offset?: number; length?: number };

/**
 * The workflow as JSON, kept in sync both ways with the forms: typing here re-reads the workflow; a form change
 * rewrites the text. Problems are listed under it with their JSON Pointer and line; choosing one selects its place
 * in the text.
 * @summary The JSON view of a workflow.
 * @fires comet-json-change - The text was edited ({ text }).
 */
@customElement('comet-workflow-json')
export class CometWorkflowJson extends LitElement {
  static override styles = [
    baseStyles,
    workflowStyles,
    fieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--comet-space-xs);
      }
      textarea.control {
        height: 560px;
        min-height: 200px;
        padding: var(--comet-space-s);
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-xs);
        line-height: 1.55;
        white-space: pre;
        tab-size: 2;
      }
      ul {
        display: grid;
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .problem {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 2px var(--comet-space-xs);
        width: 100%;
        padding: 5px 8px;
        border: 0;
        border-radius: var(--comet-radius-s);
        background: var(--comet-danger-soft);
        color: var(--comet-text);
        font: inherit;
        font-size: var(--comet-font-size-xs);
        text-align: start;
        cursor: pointer;
      }
      .problem:hover {
        outline: 1px solid color-mix(in oklab, var(--comet-danger) 40%, transparent);
      }
      .problem code {
        color: var(--comet-danger);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .problem .where {
        grid-column: 2;
        color: var(--comet-text-quiet);
      }
      .ok {
        margin: 0;
        color: var(--comet-success);
        font-size: var(--comet-font-size-xs);
      }
    `,
  ];

  /** The text. */
  @property() accessor text = '';
  /** Problems to list under it. */
  @property({ attribute: false }) accessor problems: readonly JsonProblem[] = [];

  @query('textarea') accessor textarea: HTMLTextAreaElement | null = null;

  override render() {
    return html`
      <label for="json" class="visually-hidden">Workflow JSON</label>
      <textarea
        id="json"
        class="control"
        spellcheck="false"
        autocomplete="off"
        aria-describedby="json-problems"
        aria-invalid=${this.problems.length ? 'true' : 'false'}
        .value=${live(this.text)}
        @input=${(e: Event) =>
          this.dispatchEvent(
            new CustomEvent('comet-json-change', { detail: { text: (e.target as HTMLTextAreaElement).value } }),
          )}
      ></textarea>
      <div id="json-problems" aria-live="polite">
        ${
          this.problems.length
            ? html`<ul aria-label="Problems in the JSON">
                ${this.problems.map((p) => this.#renderProblem(p))}
              </ul>`
            : html`<p class="ok">The JSON is a valid workflow.</p>`
        }
      </div>
    `;
  }

  #renderProblem(problem: JsonProblem) {
    const range = this.#rangeOf(problem);
    const where = range ? lineColumn(this.text, range.start) : undefined;
    return html`<li>
      <button type="button" class="problem" @click=${() => this.select(problem)}>
        <code>${problem.path || '/'}</code> <span>${problem.message}</span>
        ${where ? html`<span class="where">line ${where.line}, column ${where.column}</span>` : nothing}
      </button>
    </li>`;
  }

  /** Selects a problem's place in the text (its value, or the nearest enclosing one) and focuses the text. */
  select(problem: JsonProblem): void {
    const textarea = this.textarea;
    const range = this.#rangeOf(problem);
    if (!textarea || !range) return;
    textarea.focus();
    textarea.setSelectionRange(range.start, Math.max(range.start + 1, range.end));
    // Bring the selection into view: put its line near the top of the box.
    const line = lineColumn(this.text, range.start).line;
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
    textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  #rangeOf(problem: JsonProblem): { start: number; end: number } | undefined {
    if (problem.offset !== undefined) return { start: problem.offset, end: problem.offset + (problem.length ?? 1) };
    return pointerRange(this.text, problem.path);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-json': CometWorkflowJson;
  }
  interface HTMLElementEventMap {
    'comet-json-change': JsonChangeEvent;
  }
}
