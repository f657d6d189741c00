import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { WEEKDAYS, type LocatedProblem, type Weekday } from '../../core/supervisor/index.js';
import { icon } from '../../ui/icons.js';
import { baseStyles } from '../../ui/shared-styles.js';
import { grantFieldStyles } from './comet-supervisor-grant-form.styles.js';
import { defaultWindow, problemsAt, type WindowDraft } from './grant-draft.js';

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * The weekly windows of a grant being added: days of the week and hours (end before start runs past midnight), in
 * one time zone (the user's by default). Outside every window the grant does not apply.
 * @summary Weekly windows of the Add-grant form.
 * @fires comet-draft-change - The windows or the time zone changed ({ windows } or { timeZone }).
 */
@customElement('comet-supervisor-grant-windows')
export class CometSupervisorGrantWindows extends LitElement {
  static override styles = [
    baseStyles,
    grantFieldStyles,
    css`
      .window {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--comet-space-s);
        padding: var(--comet-space-xs) 0;
      }
      .days {
        display: flex;
        gap: 2px;
      }
      .days .pill {
        min-width: 40px;
      }
      .window wa-input {
        width: 150px;
      }
      .zone {
        max-width: 420px;
        margin-top: var(--comet-space-xs);
      }
    `,
  ];

  /** The windows as picked. */
  @property({ attribute: false })
  accessor windows: readonly WindowDraft[] = [];

  /** The IANA time zone the windows are read in. */
  @property()
  accessor timeZone = '';

  /** Problems of the whole grant; those at 'windows[i]' and 'timeZone' show here. */
  @property({ attribute: false })
  accessor problems: readonly LocatedProblem[] = [];

  override render() {
    const zoneProblems = problemsAt(this.problems, 'timeZone');
    return html`
      <div class="label-row">
        <span class="field-label">Weekly windows</span>
        <span class="quiet"
          >${this.windows.length ? 'The grant applies only inside one of these.' : 'None: any day, any time.'}</span
        >
      </div>
      ${this.windows.map((w, i) => this.#renderWindow(w, i))}
      ${
        this.windows.length
          ? html`<wa-input
              class="zone"
              size="s"
              label="Time zone"
              .value=${this.timeZone}
              @input=${(e: Event) => this.#emit({ timeZone: (e.target as HTMLInputElement).value })}
              >${
                zoneProblems.length
                  ? html`<div slot="hint" class="field-error">${zoneProblems.join('; ')}</div>`
                  : html`<div slot="hint">IANA name, e.g. Europe/Berlin; daylight saving follows the zone</div>`
              }</wa-input
            >`
          : nothing
      }
      <wa-button
        size="s"
        appearance="outlined"
        @click=${() => this.#emit({ windows: [...this.windows, defaultWindow()] })}
        ><span slot="start">${icon('clock')}</span>Add window</wa-button
      >
    `;
  }

  #renderWindow(w: WindowDraft, i: number) {
    const problems = problemsAt(this.problems, `windows[${i}]`);
    return html`<div class="window-block">
      <div class="window" role="group" aria-label="Window ${i + 1}">
        <div class="days" role="group" aria-label="Days of window ${i + 1}">
          ${WEEKDAYS.map(
            (day) =>
              html`<button
                type="button"
                class="pill"
                aria-pressed=${w.days.includes(day)}
                @click=${() => this.#set(i, { days: toggle(w.days, day) })}
              >
                ${DAY_NAMES[day].slice(0, 3)}<span class="visually-hidden">${DAY_NAMES[day].slice(3)}</span>
              </button>`,
          )}
        </div>
        <wa-input
          size="s"
          type="time"
          label="From"
          .value=${w.start}
          @input=${(e: Event) => this.#set(i, { start: valueOf(e) })}
        ></wa-input>
        <wa-input
          size="s"
          type="time"
          label="To"
          .value=${w.end}
          @input=${(e: Event) => this.#set(i, { end: valueOf(e) })}
        ></wa-input>
        <wa-button
          size="s"
          appearance="plain"
          @click=${() => this.#emit({ windows: this.windows.filter((_, j) => j !== i) })}
          >${icon('trash')}<span class="visually-hidden">Remove window ${i + 1}</span></wa-button
        >
      </div>
      ${problems.length ? html`<p class="field-error">${problems.join('; ')}</p>` : nothing}
    </div>`;
  }

  #set(i: number, patch: Partial<WindowDraft>) {
    this.#emit({ windows: this.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  }

  #emit(detail: { windows?: WindowDraft[]; timeZone?: string }) {
    // Kept here at once too, so a second change before the form renders again builds on the first.
    if (detail.windows) this.windows = detail.windows;
    if (detail.timeZone !== undefined) this.timeZone = detail.timeZone;
    this.dispatchEvent(new CustomEvent('comet-draft-change', { detail }));
  }
}

/** `days` with `day` added or removed, in week order. */
function toggle(days: readonly Weekday[], day: Weekday): Weekday[] {
  const next = days.includes(day) ? days.filter((d) => d !== day) : [...days, day];
  return WEEKDAYS.filter((d) => next.includes(d));
}

const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-grant-windows': CometSupervisorGrantWindows;
  }
}
