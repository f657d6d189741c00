import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import type { RetryPolicy } from '../../core/retry.js';
import { baseStyles } from '../../ui/shared-styles.js';
import './comet-workflow-retry-chart.js';
import { childPointer } from './model/references.js';
import { DEFAULT_STEP_ATTEMPTS, toRetryPolicy } from './model/retry-policy.js';
import type { Duration, WorkflowProblem, WorkflowRetryPolicy } from './model/types.js';
import { fieldStyles } from './workflow-styles.js';

/** A step's retry policy or timeout changed (undefined: not set, the defaults apply). */
export type RetryChangeEvent = CustomEvent<{ retry: WorkflowRetryPolicy | undefined; timeout: Duration | undefined }>;

type Field = keyof WorkflowRetryPolicy | 'timeout';

/** The text fields of the form, in order, with their labels. */
const FIELDS: { field: Field; label: string; kind: 'duration' | 'number' | 'list' }[] = [
  { field: 'maximumAttempts', label: 'Attempts', kind: 'number' },
  { field: 'initialInterval', label: 'First wait', kind: 'duration' },
  { field: 'backoffCoefficient', label: 'Growth per retry', kind: 'number' },
  { field: 'maximumInterval', label: 'Longest wait', kind: 'duration' },
  { field: 'jitter', label: 'Jitter (0–1)', kind: 'number' },
  { field: 'timeout', label: 'Timeout per attempt', kind: 'duration' },
  { field: 'nonRetryableErrorTypes', label: 'Never retry these errors', kind: 'list' },
];

/**
 * A step's retry policy (Temporal's fields) and timeout, with the retry simulator beside it: every change redraws
 * the schedule of attempts the policy makes. Empty fields take the workflow's defaults, then the platform's.
 * @summary Retry policy and timeout of a step.
 * @fires comet-retry-change - The policy or timeout changed ({ retry, timeout }).
 */
@customElement('comet-workflow-retry')
export class CometWorkflowRetry extends LitElement {
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr);
        gap: var(--comet-space-l);
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--comet-space-s);
        align-content: start;
      }
      /* Beside the chart when there is room; above it, three to a row, when the step's form is narrow. */
      @container (max-width: 760px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
        .fields {
          grid-template-columns: repeat(3, minmax(0, 1fr));
        }
      }
      @container (max-width: 420px) {
        .fields {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .wide {
        grid-column: 1 / -1;
      }
      .chart {
        min-width: 0;
        padding: var(--comet-space-s);
        border-radius: var(--comet-radius-m);
        background: var(--comet-surface-sunken);
      }
      .chart h4 {
        margin: 0 0 var(--comet-space-2xs);
        color: var(--comet-text-faint);
        font-size: var(--comet-font-size-2xs);
        font-weight: 600;
        letter-spacing: 0.05em;
        text-transform: uppercase;
      }
    `,
  ];

  /** The step's policy. */
  @property({ attribute: false }) accessor retry: WorkflowRetryPolicy | undefined;
  /** The step's timeout. */
  @property({ attribute: false }) accessor timeout: Duration | undefined;
  /** The workflow's defaults (what empty fields take). */
  @property({ attribute: false }) accessor defaults: { retry?: WorkflowRetryPolicy; timeout?: Duration } | undefined;
  /** The JSON Pointer of the step ('/steps/2'). */
  @property() accessor path = '';
  /** The workflow's problems (each field shows those located at it). */
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];

  /** Text as typed, while it differs from what the policy holds ('1.' on the way to '1.5'). */
  @state() accessor raw: Partial<Record<Field, string>> = {};

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('retry') || changed.has('timeout')) {
      // Keep typed text only where it still means the same value.
      this.raw = Object.fromEntries(
        Object.entries(this.raw).filter(([field, text]) => sameMeaning(this.#valueOf(field as Field), text)),
      );
    }
  }

  override render() {
    return html`<div class="layout">
      <div class="fields">
        ${FIELDS.map((f) => this.#renderField(f))}
        <wa-checkbox
          class="wide"
          size="s"
          .checked=${this.retry?.respectRetryAfter ?? this.defaults?.retry?.respectRetryAfter ?? true}
          @change=${(e: Event) => this.#change('respectRetryAfter', (e.target as HTMLInputElement).checked)}
          >Wait as long as a 429/503 answer's Retry-After asks</wa-checkbox
        >
      </div>
      <div class="chart">
        <h4>Retry simulator</h4>
        ${this.#renderChart()}
      </div>
    </div>`;
  }

  #renderField({ field, label, kind }: (typeof FIELDS)[number]) {
    const path =
      field === 'timeout' ? childPointer(this.path, 'timeout') : childPointer(childPointer(this.path, 'retry'), field);
    const problems = this.problems.filter((p) => p.path === path).map((p) => p.message);
    const text = this.raw[field] ?? textOf(this.#valueOf(field));
    return html`<wa-input
      size="s"
      class=${kind === 'list' ? 'wide' : ''}
      data-path=${path}
      label=${label}
      placeholder=${this.#placeholder(field)}
      inputmode=${kind === 'number' ? 'decimal' : 'text'}
      .value=${text}
      @input=${(e: Event) => {
        const typed = (e.target as HTMLInputElement).value;
        this.raw = { ...this.raw, [field]: typed };
        this.#change(field, read(kind, typed));
      }}
      >${
        problems.length
          ? html`<div slot="hint" class="field-error">${problems.join('; ')}</div>`
          : html`<div slot="hint">${hintOf(field)}</div>`
      }</wa-input
    >`;
  }

  #renderChart() {
    let policy: RetryPolicy;
    try {
      policy = toRetryPolicy(this.retry, this.defaults?.retry, `${this.path}/retry`);
    } catch (error) {
      return html`<p class="field-error">The schedule cannot be drawn: ${errorMessage(error)}</p>`;
    }
    return html`<comet-workflow-retry-chart .policy=${policy}></comet-workflow-retry-chart>${
        this.retry === undefined && this.defaults?.retry === undefined
          ? html`<p class="hint">No policy set: ${DEFAULT_STEP_ATTEMPTS} attempts with the platform's waits.</p>`
          : nothing
      }`;
  }

  #valueOf(field: Field): unknown {
    return field === 'timeout' ? this.timeout : this.retry?.[field];
  }

  /** What an empty field means: the workflow's default, else the platform's. */
  #placeholder(field: Field): string {
    const fromDefaults = field === 'timeout' ? this.defaults?.timeout : this.defaults?.retry?.[field];
    if (fromDefaults !== undefined) return `${textOf(fromDefaults)} (workflow default)`;
    const platform: Partial<Record<Field, string>> = {
      maximumAttempts: this.retry === undefined ? String(DEFAULT_STEP_ATTEMPTS) : '0 (unlimited)',
      initialInterval: '1s',
      backoffCoefficient: '2',
      maximumInterval: '100 × first wait',
      jitter: '0.2',
      timeout: "the capability's",
      nonRetryableErrorTypes: 'capability-denied, invalid-input',
    };
    return platform[field] ?? '';
  }

  #change(field: Field, value: unknown): void {
    let retry = this.retry;
    let timeout = this.timeout;
    if (field === 'timeout') timeout = value as Duration | undefined;
    else {
      const next: Record<string, unknown> = { ...(retry ?? {}) };
      if (value === undefined) delete next[field];
      else next[field] = value;
      retry = Object.keys(next).length ? next : undefined;
    }
    this.dispatchEvent(new CustomEvent('comet-retry-change', { detail: { retry, timeout } }));
  }
}

function hintOf(field: Field): string {
  switch (field) {
    case 'maximumAttempts':
      return 'The first included; 0 = unlimited';
    case 'backoffCoefficient':
      return 'Each wait is the last one times this';
    case 'jitter':
      return 'Spreads each wait by ± this share';
    case 'nonRetryableErrorTypes':
      return 'Error names or codes, separated by commas';
    default:
      return 'e.g. 500ms, 2s, 5m, 1h';
  }
}

function textOf(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Typed text as a policy value: numbers as numbers, durations as written (plain digits as milliseconds). */
function read(kind: 'duration' | 'number' | 'list', text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (kind === 'list')
    return trimmed
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  if (kind === 'number') return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function sameMeaning(value: unknown, text: string): boolean {
  return (
    JSON.stringify(value) ===
    JSON.stringify(read(Array.isArray(value) ? 'list' : typeof value === 'number' ? 'number' : 'duration', text))
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-retry': CometWorkflowRetry;
  }
  interface HTMLElementEventMap {
    'comet-retry-change': RetryChangeEvent;
  }
}
