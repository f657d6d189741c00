import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { toMcpToolsList, toOpenAITools, type AnyCapability } from '../../core/capabilities/index.js';
import { icon } from '../../ui/icons.js';
import { toJson } from '../../ui/inspector/json.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { href } from '../../ui/router.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import { scopeSummary } from './capability-scopes.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/** Saves `value` as a JSON file through a temporary link. */
export function downloadJson(value: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Supervisor › Capabilities: every registered capability with what it does, the scopes it needs, whether it has
 * side effects, and its input and output schemas; the whole registry exports as OpenAI tools or an MCP tools/list.
 * @summary Supervisor › Capabilities.
 */
@customElement('comet-supervisor-capabilities')
export class CometSupervisorCapabilities extends LitElement {
  static override styles = [
    baseStyles,
    viewStyles,
    supervisorStyles,
    css`
      .toolbar {
        display: flex;
        align-items: end;
        gap: var(--comet-space-s);
        padding: var(--comet-space-s) var(--comet-space-l);
        border-bottom: 1px solid var(--comet-border);
      }
      .toolbar wa-input {
        flex: 1;
        max-width: 360px;
      }
      .cap {
        display: block;
        padding: var(--comet-space-m) var(--comet-space-l);
      }
      .cap + .cap {
        border-top: 1px solid var(--comet-border);
      }
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--comet-space-xs);
      }
      .title h4 {
        margin: 0;
        font-family: var(--comet-font-mono);
        font-size: var(--comet-font-size-m);
      }
      .cap p {
        margin: var(--comet-space-2xs) 0 var(--comet-space-xs);
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--comet-space-2xs) var(--comet-space-m);
      }
      .schemas {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--comet-space-s);
        margin-top: var(--comet-space-s);
      }
      .schemas h5 {
        margin: 0 0 var(--comet-space-3xs);
        color: var(--comet-text-quiet);
        font-size: var(--comet-font-size-xs);
        font-weight: 600;
      }
      details summary {
        margin-top: var(--comet-space-xs);
        color: var(--comet-accent-text);
        font-size: var(--comet-font-size-s);
        cursor: pointer;
      }
      @media (max-width: 860px) {
        .schemas {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/capabilities' (unused). */
  @property({ attribute: false })
  accessor rest: string[] = [];

  @state() accessor search = '';
  /** Bumped when a capability is registered or unregistered. */
  @state() accessor revision = 0;

  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The registry publishes every change, also for capabilities plugins register later.
    this.#unsubscribe = this.platform?.bus.subscribe('capabilities.changed', () => this.revision++);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override render() {
    const all = this.services?.capabilities.list() ?? [];
    const needle = this.search.trim().toLowerCase();
    const shown = all.filter((c) => !needle || `${c.name} ${c.description}`.toLowerCase().includes(needle));
    return html`
      <div class="section-header">
        <div>
          <h2>Capabilities</h2>
          <p>
            The only actions agents can take. Each call is checked against its schema, decided by the supervisor and
            audited; a principal needs a <a href=${href('supervisor/grants')}>grant</a> for each scope.
          </p>
        </div>
        <div class="actions">
          <wa-button size="s" appearance="outlined" ?disabled=${!all.length} @click=${this.#exportOpenAI}
            ><span slot="start">${icon('download')}</span>OpenAI tools</wa-button
          >
          <wa-button size="s" appearance="outlined" ?disabled=${!all.length} @click=${this.#exportMcp}
            ><span slot="start">${icon('download')}</span>MCP tools/list</wa-button
          >
        </div>
      </div>
      <section class="panel" aria-labelledby="registry">
        <div class="toolbar">
          <h3 id="registry" class="visually-hidden">Registered capabilities</h3>
          <wa-input
            size="s"
            type="search"
            label="Filter"
            placeholder="Name or description"
            .value=${this.search}
            @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
          ></wa-input>
          <span class="meta" role="status">${shown.length} of ${all.length} capabilities</span>
        </div>
        ${
          shown.length
            ? shown.map((c) => this.#renderCapability(c))
            : html`<p class="empty">${all.length ? 'No capability matches.' : 'No capability is registered.'}</p>`
        }
      </section>
    `;
  }

  #renderCapability(c: AnyCapability) {
    const scopes = scopeSummary(c);
    return html`<article class="cap" aria-labelledby="cap-${c.name}">
      <div class="title">
        <h4 id="cap-${c.name}">${c.name}</h4>
        ${c.hints?.title ? html`<span class="quiet">${c.hints.title}</span>` : nothing}
        <span class="chip ${c.sideEffects ? 'ask' : 'allow'}">${c.sideEffects ? 'Side effects' : 'Read-only'}</span>
        ${c.source ? html`<span class="chip">${c.source}</span>` : nothing}
      </div>
      <p>${c.description}</p>
      <div class="facts meta">
        <span
          >Scopes:
          ${
            scopes
              ? html`${scopes.scopes.length ? scopes.scopes.map((s) => html`<code>${s}</code> `) : 'none'}${scopes.dependsOnInput ? ' (depends on the input; this is an example)' : ''}`
              : 'depends on the input'
          }</span
        >
        ${c.timeoutMs ? html`<span>Deadline: ${Math.round(c.timeoutMs / 1000)} s</span>` : nothing}
      </div>
      <details>
        <summary>Input and output schemas</summary>
        <div class="schemas">
          <div>
            <h5>Input</h5>
            <pre class="code" tabindex="0" aria-label="Input schema of ${c.name}">${toJson(c.inputSchema)}</pre>
          </div>
          <div>
            <h5>Output</h5>
            <pre class="code" tabindex="0" aria-label="Output schema of ${c.name}">${toJson(c.outputSchema)}</pre>
          </div>
        </div>
      </details>
    </article>`;
  }

  #exportOpenAI = () => this.#export(() => toOpenAITools(this.#describe()).tools, 'comet-tools.openai.json');

  #exportMcp = () => this.#export(() => toMcpToolsList(this.#describe()), 'comet-tools.mcp.json');

  #describe() {
    return this.services?.capabilities.describe() ?? [];
  }

  #export(build: () => unknown, filename: string): void {
    try {
      downloadJson(build(), filename);
    } catch (error) {
      this.platform?.toasts.error(error, 'The tools could not be exported');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-capabilities': CometSupervisorCapabilities;
  }
}
