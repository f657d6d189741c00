import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { cronProblem, describeCron, localTimeZone, nextOccurrence } from './engine/cron.js';
import type { WorkflowProblem, WorkflowTrigger } from './model/types.js';
import { addButtonStyles, fieldStyles, workflowStyles } from './workflow-styles.js';

/** The triggers changed. */
export type TriggersChangeEvent = CustomEvent<{ triggers: WorkflowTrigger[] | undefined }>;

/** An occurrence in the user's time zone, with its weekday: 'Mon, Jan 5, 09:00'. */
function formatOccurrence(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The next `count` occurrences of a schedule after `now`, or why there are none. */
export function nextOccurrences(cron: string, timezone: string | undefined, now: number, count = 3): number[] {
  const found: number[] = [];
  let after = now;
  for (let i = 0; i < count; i++) {
    const next = nextOccurrence(cron, timezone, after);
    if (next === undefined) break;
    found.push(next);
    after = next;
  }
  return found;
}

/**
 * How a workflow starts: by hand, on a schedule (cron in a time zone, read back in words with its next three
 * occurrences in the user's time zone, and whether runs missed while the app was closed are skipped or caught up
 * once), or when a bus event is published (topic pattern, debounce).
 * @summary The triggers of a workflow.
 * @fires comet-triggers-change - The triggers changed ({ triggers }).
 */
@customElement('comet-workflow-triggers')
export class CometWorkflowTriggers extends LitElement {
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
      ul.triggers {
        display: grid;
        gap: var(--comet-space-xs);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li.trigger {
        display: grid;
        gap: var(--comet-space-xs);
        padding: var(--comet-space-s);
        border: 1px solid var(--comet-border);
        border-radius: var(--comet-radius-m);
      }
      .row {
        display: flex;
        align-items: end;
        gap: var(--comet-space-xs);
      }
      .row > .field {
        flex: 1;
      }
      .reads {
        margin: 0;
        font-size: var(--comet-font-size-s);
      }
      .next {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
    `,
  ];

  /** The workflow's triggers (undefined: manual only). */
  @property({ attribute: false }) accessor triggers: WorkflowTrigger[] | undefined;
  @property({ attribute: false }) accessor problems: readonly WorkflowProblem[] = [];
  /** Now, for the next occurrences (the editor passes its clock's time). */
  @property({ type: Number }) accessor now = Date.now();

  override render() {
    const list = Array.isArray(this.triggers) ? this.triggers : [];
    return html`
      ${
        list.length
          ? html`<ul class="triggers">
              ${list.map((t, i) => html`<li class="trigger" data-path="/triggers/${i}">${this.#renderTrigger(t, i)}</li>`)}
            </ul>`
          : html`<p class="hint">Started by hand only (the Run button, an agent or the API).</p>`
      }
      <button
        type="button"
        class="add"
        @click=${() => this.#write([...list, { type: 'schedule', cron: '0 9 * * 1-5', timezone: localTimeZone() }])}
      >
        ${icon('plus')}Add a trigger
      </button>
    `;
  }

  #renderTrigger(trigger: WorkflowTrigger, i: number) {
    return html`
      <div class="row">
        <div class="field">
          <label for="type-${i}">Starts</label>
          <select
            id="type-${i}"
            class="control"
            @change=${(e: Event) => this.#retype(i, (e.target as HTMLSelectElement).value)}
          >
            <option value="manual" ?selected=${trigger.type === 'manual'}>By hand</option>
            <option value="schedule" ?selected=${trigger.type === 'schedule'}>On a schedule</option>
            <option value="event" ?selected=${trigger.type === 'event'}>When an event is published</option>
          </select>
        </div>
        <button type="button" class="icon-button danger" title="Remove trigger" @click=${() => this.#remove(i)}>
          ${icon('trash')}<span class="visually-hidden">Remove trigger ${i + 1}</span>
        </button>
      </div>
      ${trigger.type === 'schedule' ? this.#renderSchedule(trigger, i) : nothing}
      ${trigger.type === 'event' ? this.#renderEvent(trigger, i) : nothing}
      ${this.#problems(`/triggers/${i}`, true) ? html`<p class="field-error">${this.#problems(`/triggers/${i}`, true)}</p>` : nothing}
    `;
  }

  #renderSchedule(trigger: Extract<WorkflowTrigger, { type: 'schedule' }>, i: number) {
    const problem = cronProblem(trigger.cron, trigger.timezone);
    const next = problem ? [] : nextOccurrences(trigger.cron, trigger.timezone, this.now);
    return html`
      <div class="grid-2">
        <wa-input
          size="s"
          label="Schedule (cron)"
          data-path="/triggers/${i}/cron"
          .value=${trigger.cron}
          @input=${(e: Event) => this.#patch(i, { cron: (e.target as HTMLInputElement).value })}
          >${
            problem
              ? html`<div slot="hint" class="field-error">${problem}</div>`
              : html`<div slot="hint">minute hour day month weekday, e.g. 0 9 * * 1-5</div>`
          }</wa-input
        >
        <wa-input
          size="s"
          label="Time zone"
          data-path="/triggers/${i}/timezone"
          placeholder=${localTimeZone()}
          .value=${trigger.timezone ?? ''}
          @input=${(e: Event) => this.#patch(i, { timezone: (e.target as HTMLInputElement).value || undefined })}
          ><div slot="hint">An IANA name; yours is ${localTimeZone()}</div></wa-input
        >
      </div>
      ${
        problem
          ? nothing
          : html`<p class="reads">
                <strong>${describeCron(trigger.cron)}</strong>${trigger.timezone ? ` (${trigger.timezone})` : ''}
              </p>
              <div>
                <span class="field-label">Next runs, in your time (${localTimeZone()})</span>
                <ul class="next">
                  ${next.map((at) => html`<li class="chip">${formatOccurrence(at)}</li>`)}
                </ul>
              </div>`
      }
      <div class="field">
        <label for="missed-${i}">Runs missed while the app was closed</label>
        <select
          id="missed-${i}"
          class="control"
          @change=${(e: Event) => this.#patch(i, { missed: (e.target as HTMLSelectElement).value })}
        >
          <option value="skip" ?selected=${trigger.missed !== 'catch-up'}>Skip them</option>
          <option value="catch-up" ?selected=${trigger.missed === 'catch-up'}>Catch up with one run</option>
        </select>
      </div>
    `;
  }

  #renderEvent(trigger: Extract<WorkflowTrigger, { type: 'event' }>, i: number) {
    return html`<div class="grid-2">
      <wa-input
        size="s"
        label="Topic"
        data-path="/triggers/${i}/topic"
        placeholder="memory.* or capabilities.changed"
        .value=${trigger.topic ?? ''}
        @input=${(e: Event) => this.#patch(i, { topic: (e.target as HTMLInputElement).value })}
        >${this.#hint(`/triggers/${i}/topic`, "A bus topic, or a pattern ending in '.*'; the payload is inputs.event")}</wa-input
      >
      <wa-input
        size="s"
        label="Debounce"
        data-path="/triggers/${i}/debounce"
        placeholder="none"
        .value=${trigger.debounce === undefined ? '' : String(trigger.debounce)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value.trim();
          this.#patch(i, { debounce: text === '' ? undefined : /^\d+$/.test(text) ? Number(text) : text });
        }}
        >${this.#hint(`/triggers/${i}/debounce`, 'Wait for quiet this long (e.g. 2s), then run once with the last event')}</wa-input
      >
    </div>`;
  }

  #hint(path: string, help: string) {
    const problems = this.#problems(path);
    return problems
      ? html`<div slot="hint" class="field-error">${problems}</div>`
      : html`<div slot="hint">${help}</div>`;
  }

  #problems(path: string, exact = false): string {
    return this.problems
      .filter((p) => (exact ? p.path === path : p.path === path || p.path.startsWith(`${path}/`)))
      .map((p) => p.message)
      .join('; ');
  }

  #retype(i: number, type: string): void {
    const fresh: Record<string, WorkflowTrigger> = {
      manual: { type: 'manual' },
      schedule: { type: 'schedule', cron: '0 9 * * 1-5', timezone: localTimeZone() },
      event: { type: 'event', topic: '' },
    };
    this.#write((this.triggers ?? []).map((t, j) => (j === i ? fresh[type] : t)));
  }

  #patch(i: number, patch: Record<string, unknown>): void {
    this.#write(
      (this.triggers ?? []).map((t, j) => {
        if (j !== i) return t;
        const next: Record<string, unknown> = { ...t, ...patch };
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
        return next as unknown as WorkflowTrigger;
      }),
    );
  }

  #remove(i: number): void {
    this.#write((this.triggers ?? []).filter((_, j) => j !== i));
  }

  #write(triggers: WorkflowTrigger[]): void {
    this.dispatchEvent(
      new CustomEvent('comet-triggers-change', { detail: { triggers: triggers.length ? triggers : undefined } }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-workflow-triggers': CometWorkflowTriggers;
  }
  interface HTMLElementEventMap {
    'comet-triggers-change': TriggersChangeEvent;
  }
}
