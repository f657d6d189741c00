import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { edgePath, layoutDag, type DagLayout, type DagNode } from './dag-layout.js';
import type { RunState, StepStatus } from './engine/run-types.js';
import type { WorkflowDefinition } from './model/types.js';

/** A step of the graph was chosen (click, Enter or Space). */
export type StepSelectEvent = CustomEvent<{ stepId: string }>;

/** How a status reads next to a step. */
const STATUS_WORDS: Record<StepStatus, string> = {
  pending: 'pending',
  running: 'running',
  retrying: 'waiting to retry',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  compensating: 'compensating',
};

/**
 * The workflow's steps as a graph (dagre layout, drawn in SVG): an arrow from each step to those that wait for it.
 * Given a run's state, each step is coloured by its status — the run view reuses it. Steps are focusable; click, Enter
 * or Space chooses one, the arrow keys move between them.
 * @summary The step graph of a workflow.
 * @fires comet-step-select - A step was chosen ({ stepId }).
 */
@customElement('comet-workflow-dag')
export class CometWorkflowDag extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .scroll {
        overflow: auto;
        max-height: var(--comet-dag-max-height, 420px);
      }
      svg {
        display: block;
        margin: 0 auto;
      }
      .edge {
        fill: none;
        stroke: var(--comet-border-strong);
        stroke-width: 1.5;
      }
      .arrow {
        fill: var(--comet-border-strong);
      }
      .node rect.box {
        fill: var(--comet-surface);
        stroke: var(--comet-border-strong);
        stroke-width: 1.25;
      }
      .node rect.stack {
        fill: var(--comet-surface-sunken);
        stroke: var(--comet-border);
      }
      .node .bar {
        fill: var(--comet-border-strong);
      }
      .node text {
        fill: var(--comet-text);
        font-family: var(--comet-font-sans);
        font-size: 12px;
        font-weight: 600;
      }
      .node text.detail {
        fill: var(--comet-text-quiet);
        font-family: var(--comet-font-mono);
        font-size: 10.5px;
        font-weight: 400;
      }
      .node {
        cursor: pointer;
        outline: none;
      }
      .node:hover rect.box {
        stroke: var(--comet-accent);
      }
      .node:focus-visible rect.box,
      .node.selected rect.box {
        stroke: var(--comet-accent);
        stroke-width: 2.5;
      }
      .node.problem rect.box {
        stroke: var(--comet-danger);
        stroke-dasharray: 4 3;
      }
      .node.running .bar,
      .node.running rect.box {
        stroke: var(--comet-accent);
        fill: var(--comet-accent);
      }
      .node.running rect.box,
      .node.retrying rect.box,
      .node.compensating rect.box,
      .node.succeeded rect.box,
      .node.failed rect.box {
        fill: var(--comet-surface);
      }
      .node.succeeded .bar {
        fill: var(--comet-success);
      }
      .node.succeeded rect.box {
        stroke: var(--comet-success);
      }
      .node.failed .bar {
        fill: var(--comet-danger);
      }
      .node.failed rect.box {
        stroke: var(--comet-danger);
      }
      .node.retrying .bar,
      .node.compensating .bar {
        fill: var(--comet-warning);
      }
      .node.retrying rect.box,
      .node.compensating rect.box {
        stroke: var(--comet-warning);
      }
      .node.skipped,
      .node.cancelled {
        opacity: 0.55;
      }
      .node.skipped rect.box,
      .node.cancelled rect.box {
        stroke-dasharray: 4 3;
      }
      .node.running rect.box {
        animation: pulse 1.4s ease-in-out infinite;
      }
      @keyframes pulse {
        50% {
          stroke-opacity: 0.35;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .node.running rect.box {
          animation: none;
        }
      }
      .empty {
        margin: 0;
        padding: var(--comet-space-l);
        color: var(--comet-text-quiet);
        text-align: center;
      }
    `,
  ];

  /** The workflow to draw. */
  @property({ attribute: false }) accessor definition: WorkflowDefinition | undefined;
  /** A run of it: steps are coloured by their status. */
  @property({ attribute: false }) accessor run: RunState | undefined;
  /** The chosen step (drawn highlighted). */
  @property() accessor selected: string | undefined;
  /** Steps with validation problems (drawn with a dashed red border). */
  @property({ attribute: false }) accessor problemSteps: ReadonlySet<string> = new Set();

  /** The last layout, kept on screen while the next one is computed. */
  @state() accessor shown: DagLayout | undefined;

  readonly #layout = new Task(this, {
    task: async ([definition]: readonly [WorkflowDefinition | undefined]) => {
      const layout = definition ? await layoutDag(definition) : undefined;
      this.shown = layout;
      return layout;
    },
    args: () => [this.definition] as const,
  });

  /** Resolves once the current definition is laid out and drawn. */
  get drawn(): Promise<unknown> {
    return this.#layout.taskComplete.then(() => this.updateComplete);
  }

  override render() {
    if (this.#layout.status === TaskStatus.ERROR)
      return html`<p class="empty" role="alert">The graph could not be drawn: ${errorMessage(this.#layout.error)}</p>`;
    const layout = this.shown;
    if (!layout) return html`<p class="empty">Drawing…</p>`;
    if (!layout.nodes.length) return html`<p class="empty">Add a step to see the graph here.</p>`;
    return html`<div class="scroll">
      <svg
        width=${Math.ceil(layout.width)}
        height=${Math.ceil(layout.height)}
        viewBox="0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}"
        role="group"
        aria-label="Step graph: ${layout.nodes.length} steps, ${layout.edges.length} dependencies"
      >
        ${svg`
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path class="arrow" d="M0,0 L10,5 L0,10 z"></path>
            </marker>
          </defs>
          ${layout.edges.map((e) => svg`<path class="edge" d=${edgePath(e.points)} marker-end="url(#arrow)"><title>${e.to} waits for ${e.from}</title></path>`)}
          ${layout.nodes.map((n) => this.#renderNode(n))}
        `}
      </svg>
    </div>`;
  }

  #renderNode(node: DagNode) {
    const status = this.run?.steps[node.id]?.status;
    const problem = this.problemSteps.has(node.id);
    const x = node.x - node.width / 2;
    const y = node.y - node.height / 2;
    const label = [
      `Step ${node.label}`,
      node.detail,
      node.fanOut ? 'runs once per element' : '',
      status ? STATUS_WORDS[status] : '',
      problem ? 'has problems' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const classes = ['node', status ?? '', problem ? 'problem' : '', node.id === this.selected ? 'selected' : '']
      .filter(Boolean)
      .join(' ');
    return svg`<g
      class=${classes}
      data-step=${node.id}
      tabindex="0"
      role="button"
      aria-label=${label}
      aria-pressed=${node.id === this.selected ? 'true' : 'false'}
      @click=${() => this.#select(node.id)}
      @keydown=${(e: KeyboardEvent) => this.#keydown(e, node.id)}
    >
      ${node.fanOut ? svg`<rect class="stack" x=${x + 4} y=${y + 4} width=${node.width} height=${node.height} rx="8"></rect>` : nothing}
      <rect class="box" x=${x} y=${y} width=${node.width} height=${node.height} rx="8"></rect>
      <rect class="bar" x=${x + 6} y=${y + 10} width="3" height=${node.height - 20} rx="1.5"></rect>
      <text x=${x + 16} y=${y + 19}>${clip(node.label, node.width - 24)}</text>
      <text class="detail" x=${x + 16} y=${y + 35}>${clip(node.detail + (node.fanOut ? ' ×n' : ''), node.width - 24, 6.4)}</text>
    </g>`;
  }

  #select(stepId: string): void {
    this.dispatchEvent(new CustomEvent('comet-step-select', { detail: { stepId } }));
  }

  /** Enter/Space choose; arrows, Home and End move focus through the steps in reading order. */
  #keydown(event: KeyboardEvent, stepId: string): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#select(stepId);
      return;
    }
    const order = [...(this.shown?.nodes ?? [])].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.id);
    const at = order.indexOf(stepId);
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowRight: at + 1,
      ArrowUp: at - 1,
      ArrowLeft: at - 1,
      Home: 0,
      End: order.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined || to < 0 || to >= order.length) return;
    event.preventDefault();
    this.focusStep(order[to]);
  }

  /** Moves focus to a step's node. */
  focusStep(stepId: string): void {
    this.renderRoot.querySelector<SVGGElement>(`g[data-step="${CSS.escape(stepId)}"]`)?.focus();
  }
}

/** Text cut to fit `width` pixels (about `charWidth` each), with an ellipsis. */
function clip(text: string, width: number, charWidth = 7.2): string {
  const fits = Math.floor(width / charWidth);
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1))}…`;
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-dag': CometWorkflowDag;
  }
  interface HTMLElementEventMap {
    'comet-step-select': StepSelectEvent;
  }
}
