import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { retrySchedule, type RetryPolicy } from '../../core/retry.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { formatDuration } from './model/duration.js';

/** How many attempts an unlimited policy is drawn with. */
const UNLIMITED_SHOWN = 10;
/** The most attempts drawn. */
const MAX_SHOWN = 20;
const HEIGHT = 150;
const MARGIN = { top: 22, right: 8, bottom: 26, left: 48 };

/** The waits a policy produces: before retry k (k = 1…), at least `min`, about `mid`, at most `max` ms. */
export interface RetryPlan {
  /** Attempts drawn (the first included). */
  attempts: number;
  /** True when the policy allows more attempts than are drawn. */
  unlimited: boolean;
  min: number[];
  mid: number[];
  max: number[];
}

/** The schedule of a policy as drawn: the delays at the low, middle and high end of its jitter. */
export function retryPlan(policy: RetryPolicy): RetryPlan {
  const unlimited = policy.maximumAttempts === 0;
  const attempts = Math.min(unlimited ? UNLIMITED_SHOWN : policy.maximumAttempts, MAX_SHOWN);
  return {
    attempts,
    unlimited: unlimited || policy.maximumAttempts > MAX_SHOWN,
    min: retrySchedule(policy, attempts, () => 0),
    mid: retrySchedule(policy, attempts, () => 0.5),
    max: retrySchedule(policy, attempts, () => 1),
  };
}

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

/** '1 s' or '0.8–1.2 s' when jitter spreads it. */
function range(min: number, max: number): string {
  return min === max ? formatDuration(min) : `${formatDuration(min)}–${formatDuration(max)}`;
}

/**
 * The retry simulator: the attempts a retry policy makes, as bars of the wait before each retry (solid up to the
 * shortest wait jitter allows, lighter up to the longest), with the total time spent waiting, and a table of when
 * each attempt starts.
 * @summary A chart of a retry policy's schedule.
 */
@customElement('comet-workflow-retry-chart')
export class CometWorkflowRetryChart extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .summary {
        margin: 0 0 var(--comet-space-xs);
        font-size: var(--comet-font-size-s);
      }
      .summary strong {
        font-variant-numeric: tabular-nums;
      }
      svg {
        display: block;
        width: 100%;
        overflow: visible;
      }
      .axis {
        stroke: var(--comet-border-strong);
        stroke-width: 1;
      }
      .grid {
        stroke: var(--comet-border);
        stroke-dasharray: 3 3;
      }
      .bar {
        fill: var(--comet-accent);
      }
      .band {
        fill: var(--comet-accent);
        opacity: 0.3;
      }
      .mid {
        stroke: var(--comet-accent-text);
        stroke-width: 2;
      }
      text {
        fill: var(--comet-text-quiet);
        font-family: var(--comet-font-sans);
        font-size: 11px;
        font-variant-numeric: tabular-nums;
      }
      text.value {
        fill: var(--comet-text);
        font-weight: 600;
      }
      details {
        margin-top: var(--comet-space-xs);
        font-size: var(--comet-font-size-s);
      }
      summary {
        width: fit-content;
        color: var(--comet-accent-text);
        cursor: pointer;
      }
      table {
        margin-top: var(--comet-space-2xs);
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 2px var(--comet-space-s) 2px 0;
        text-align: start;
      }
      th {
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
      }
      .note {
        margin: var(--comet-space-2xs) 0 0;
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
      }
    `,
  ];

  /** The policy to draw (durations in ms, every field set: src/core/retry.ts). */
  @property({ attribute: false }) accessor policy: RetryPolicy | undefined;

  /** The width drawn at, followed from the element's size. */
  @state() accessor width = 360;
  #observer: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (width > 0 && Math.abs(width - this.width) > 2) this.width = width;
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  override render() {
    if (!this.policy) return nothing;
    const plan = retryPlan(this.policy);
    if (plan.attempts <= 1)
      return html`<p class="summary">One attempt, no retries: a failure fails the step at once.</p>`;
    const total = { min: sum(plan.min), mid: sum(plan.mid), max: sum(plan.max) };
    const description = `${plan.unlimited ? `First ${plan.attempts} attempts` : `${plan.attempts} attempts`}; waits of ${plan.mid.map(formatDuration).join(', ')}; ${formatDuration(total.mid)} of waiting in all`;
    return html`
      <p class="summary">
        ${plan.unlimited ? html`Unlimited attempts; the first <strong>${plan.attempts}</strong>` : html`<strong>${plan.attempts}</strong> attempts`}
        spend about <strong>${formatDuration(total.mid)}</strong> waiting
        ${total.min !== total.max ? html`(<strong>${range(total.min, total.max)}</strong> with jitter)` : nothing}
        between them, not counting the attempts themselves.
      </p>
      ${this.#chart(plan, description)}
      <p class="note">
        Each bar is the wait before attempt #n: solid up to the shortest, light up to the longest
        ${this.policy.jitter ? `(±${Math.round(this.policy.jitter * 100)} % jitter)` : ''}, the line at the typical
        wait.
      </p>
      ${this.policy.respectRetryAfter ? html`<p class="note">A 429 or 503 answer with Retry-After waits at least as long as it asks.</p>` : nothing}
      <details>
        <summary>Attempt by attempt</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Attempt</th>
              <th scope="col">Waits before it</th>
              <th scope="col">Starts after</th>
            </tr>
          </thead>
          <tbody>
            ${Array.from({ length: plan.attempts }, (_, i) => {
              const before = i === 0 ? undefined : range(plan.min[i - 1], plan.max[i - 1]);
              const start = range(sum(plan.min.slice(0, i)), sum(plan.max.slice(0, i)));
              return html`<tr>
                <td>${i + 1}</td>
                <td>${before ?? '—'}</td>
                <td>${i === 0 ? 'at once' : start}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </details>
    `;
  }

  #chart(plan: RetryPlan, description: string) {
    const width = Math.max(220, this.width);
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const top = Math.max(...plan.max, 1);
    const y = (ms: number) => MARGIN.top + plotHeight - (ms / top) * plotHeight;
    const slot = plotWidth / plan.mid.length;
    const barWidth = Math.max(6, Math.min(34, slot * 0.6));
    const labelEvery = Math.ceil(plan.mid.length / Math.max(1, Math.floor(plotWidth / 44)));
    return html`<svg
      viewBox="0 0 ${width} ${HEIGHT}"
      height=${HEIGHT}
      role="img"
      aria-label=${`Retry schedule: ${description}`}
    >
      ${svg`
        <line class="grid" x1=${MARGIN.left} x2=${width - MARGIN.right} y1=${y(top)} y2=${y(top)}></line>
        <line class="grid" x1=${MARGIN.left} x2=${width - MARGIN.right} y1=${y(top / 2)} y2=${y(top / 2)}></line>
        <text x=${MARGIN.left - 6} y=${y(top) + 4} text-anchor="end">${formatDuration(top)}</text>
        <text x=${MARGIN.left - 6} y=${y(top / 2) + 4} text-anchor="end">${formatDuration(top / 2)}</text>
        <text x=${MARGIN.left - 6} y=${y(0) + 4} text-anchor="end">0</text>
        <line class="axis" x1=${MARGIN.left} x2=${width - MARGIN.right} y1=${y(0)} y2=${y(0)}></line>
        ${plan.mid.map((mid, i) => {
          const cx = MARGIN.left + slot * i + slot / 2;
          const x = cx - barWidth / 2;
          const showLabel = i % labelEvery === 0 || i === plan.mid.length - 1;
          return svg`
            <rect class="bar" x=${x} y=${y(plan.min[i])} width=${barWidth} height=${y(0) - y(plan.min[i])} rx="2"></rect>
            <rect class="band" x=${x} y=${y(plan.max[i])} width=${barWidth} height=${Math.max(0, y(plan.min[i]) - y(plan.max[i]))}></rect>
            <line class="mid" x1=${x} x2=${x + barWidth} y1=${y(mid)} y2=${y(mid)}></line>
            ${showLabel ? svg`<text class="value" x=${cx} y=${y(plan.max[i]) - 5} text-anchor="middle">${formatDuration(mid)}</text>` : nothing}
            ${showLabel ? svg`<text x=${cx} y=${HEIGHT - 8} text-anchor="middle">#${i + 2}</text>` : nothing}
          `;
        })}
      `}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-retry-chart': CometWorkflowRetryChart;
  }
}
