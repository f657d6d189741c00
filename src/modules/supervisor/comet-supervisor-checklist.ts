import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import '@awesome.me/webawesome/dist/components/spinner/spinner.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatClock, formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { PROBES, removeLeftovers, runProbe, type Probe, type ProbeResult } from './checklist/probes.js';
import { checklistStyles } from './comet-supervisor-checklist.styles.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/**
 * Supervisor › Checklist: live probes against the running supervisor (default deny, expiry, time windows, sliding
 * windows, log-only policies, approval timeouts, the audit chain, the vault), each shown as pass or fail with what
 * it did and saw. "Run all" runs them in order with progress; each can also run alone.
 * @summary Supervisor › Checklist.
 */
@customElement('comet-supervisor-checklist')
export class CometSupervisorChecklist extends LitElement {
  static override styles = [baseStyles, viewStyles, supervisorStyles, checklistStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/checklist' (unused). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  /** The latest result of each probe, by id. */
  @state() accessor results: ReadonlyMap<string, ProbeResult> = new Map();
  /** The probe running now, if any. */
  @state() accessor running: string | undefined;
  /** While "Run all" runs: how many probes have finished. */
  @state() accessor progress: { done: number; total: number } | undefined;
  /** Leftovers of an interrupted run that "Run all" removed first. */
  @state() accessor sweptLeftovers = 0;

  /** Runs every probe in order; resolves with their results. */
  async runAll(): Promise<ProbeResult[]> {
    const services = this.services;
    if (!services || this.running) return [];
    this.progress = { done: 0, total: PROBES.length };
    const results: ProbeResult[] = [];
    try {
      this.sweptLeftovers = await removeLeftovers(services);
      for (const probe of PROBES) {
        results.push(await this.#run(services, probe));
        this.progress = { done: results.length, total: PROBES.length };
      }
    } finally {
      this.progress = undefined;
    }
    return results;
  }

  /** Runs one probe; resolves with its result. */
  async runOne(id: string): Promise<ProbeResult | undefined> {
    const probe = PROBES.find((p) => p.id === id);
    if (!this.services || !probe || this.running) return undefined;
    return this.#run(this.services, probe);
  }

  async #run(services: SupervisorServices, probe: Probe): Promise<ProbeResult> {
    this.running = probe.id;
    try {
      const result = await runProbe(services, probe, { liveDb: this.platform?.db });
      this.results = new Map(this.results).set(probe.id, result);
      return result;
    } finally {
      this.running = undefined;
    }
  }

  override render() {
    return html`
      <div class="section-header">
        <div>
          <h2>Checklist</h2>
          <p>
            Live probes against the running supervisor. Each acts as a scratch principal that is revoked afterwards,
            removes every grant and policy it added, and writes only to scratch databases: your grants, policies, audit
            log and keys stay exactly as they are.
          </p>
        </div>
        <div class="actions">
          <wa-button
            variant="brand"
            size="s"
            ?loading=${this.progress !== undefined}
            ?disabled=${!this.services || this.running !== undefined}
            @click=${() => void this.runAll()}
            ><span slot="start">${icon('play')}</span>Run all</wa-button
          >
        </div>
      </div>
      ${this.#renderSummary()}
      <ol class="panel probes" aria-label="Probes">
        ${PROBES.map((probe) => this.#renderProbe(probe))}
      </ol>
    `;
  }

  #renderSummary() {
    const { progress } = this;
    if (progress) {
      const current = PROBES[progress.done];
      return html`<div class="panel summary" role="status">
        <div class="summary-line">
          <strong>Running ${Math.min(progress.done + 1, progress.total)} of ${progress.total}</strong>
          <span class="meta">${current?.title ?? ''}</span>
        </div>
        <wa-progress-bar value=${(progress.done / progress.total) * 100} label="Checklist progress"></wa-progress-bar>
      </div>`;
    }
    const results = [...this.results.values()];
    if (!results.length)
      return html`<div class="panel summary" role="status">
        <div class="summary-line">
          <span class="meta">Not run yet. Run all ${PROBES.length} probes; it takes about a second.</span>
        </div>
      </div>`;
    const count = (status: ProbeResult['status']) => results.filter((r) => r.status === status).length;
    const [passed, failed, notRun] = [count('pass'), count('fail'), count('not-run')];
    const latest = Math.max(...results.map((r) => r.ranAt));
    const tone = failed ? 'fail' : notRun ? 'not-run' : 'pass';
    return html`<div class="panel summary ${tone}" role="status">
      <div class="summary-line">
        <span class="status-icon ${tone}">${icon(failed ? 'danger' : notRun ? 'warning' : 'success')}</span>
        <strong
          >${passed} of ${PROBES.length}
          passed${failed ? html`, <span class="bad">${failed} failed</span>` : nothing}${
            notRun ? `, ${notRun} not run` : nothing
          }</strong
        >
        <span class="meta">Last run ${formatDateTime(latest)}</span>
      </div>
      ${
        this.sweptLeftovers
          ? html`<p class="meta">Removed ${this.sweptLeftovers} leftover(s) of an interrupted earlier run first.</p>`
          : nothing
      }
    </div>`;
  }

  #renderProbe(probe: Probe) {
    const result = this.results.get(probe.id);
    const running = this.running === probe.id;
    const state = running ? 'running' : (result?.status ?? 'idle');
    return html`<li class="probe ${state}">
      <span class="status-icon ${state}">${this.#statusIcon(state)}</span>
      <div class="grow">
        <h3>${probe.title}</h3>
        <p class="summary-text">${result ? result.summary : probe.about}</p>
        ${
          result
            ? html`<details>
                <summary>What it did and saw</summary>
                <ol class="steps">
                  ${result.steps.map(
                    (step) =>
                      html`<li class="${step.kind} ${step.ok === false ? 'bad' : step.ok ? 'good' : ''}">
                        <span class="step-kind">${step.kind === 'did' ? 'Did' : 'Saw'}</span>
                        <span>${step.text}</span>
                      </li>`,
                  )}
                </ol>
              </details>`
            : nothing
        }
      </div>
      <div class="side">
        <span class="chip ${chipClass(state)}">${stateWords(state)}</span>
        ${
          result
            ? html`<span class="meta when" title=${new Date(result.ranAt).toISOString()}
                >${formatClock(result.ranAt)} · ${result.durationMs.toFixed(0)} ms</span
              >`
            : nothing
        }
        <wa-button
          size="s"
          appearance="outlined"
          ?disabled=${!this.services || this.running !== undefined}
          @click=${() => void this.runOne(probe.id)}
          >Run<span class="visually-hidden"> “${probe.title}”</span></wa-button
        >
      </div>
    </li>`;
  }

  #statusIcon(state: string) {
    if (state === 'running') return html`<wa-spinner aria-label="Running"></wa-spinner>`;
    if (state === 'pass') return icon('success', 'Passed');
    if (state === 'fail') return icon('danger', 'Failed');
    if (state === 'not-run') return icon('warning', 'Not run');
    return icon('clock', 'Not run yet');
  }
}

const stateWords = (state: string) =>
  ({ running: 'Running', pass: 'Pass', fail: 'Fail', 'not-run': 'Not run', idle: 'Not run yet' })[state] ?? state;
const chipClass = (state: string) =>
  ({ pass: 'ok', fail: 'deny', 'not-run': 'ask', running: 'accent', idle: '' })[state] ?? '';

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-checklist': CometSupervisorChecklist;
  }
}
