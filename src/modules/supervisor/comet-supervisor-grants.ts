import '@awesome.me/webawesome/dist/components/button/button.js';
import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorMessage } from '../../core/errors.js';
import { describeGrant, type Grant } from '../../core/supervisor/index.js';
import { formatDateTime } from '../../ui/format.js';
import { icon } from '../../ui/icons.js';
import type { Platform } from '../../ui/platform.js';
import { platformContext } from '../../ui/platform-context.js';
import { baseStyles, viewStyles } from '../../ui/shared-styles.js';
import './comet-supervisor-grant-form.js';
import type { GrantAddedEvent } from './comet-supervisor-grant-form.js';
import { grantsStyles } from './comet-supervisor-grants.styles.js';
import { grantState } from './grant-state.js';
import type { SupervisorServices } from './supervisor-services.js';
import { supervisorStyles } from './supervisor-styles.js';

/** One principal (or pattern) and its grants. */
interface PrincipalGroup {
  id: string;
  /** The issued principal's name for people, if it is issued. */
  label?: string;
  grants: Grant[];
}

/** How often the states (active, outside window, expired…) are read again while the page is open. */
const REFRESH_MS = 30_000;

/**
 * Supervisor › Grants: what each principal may do, as sentences with their state now (active, not yet valid,
 * expired, used, outside its window). Add a grant through a form; revoke one with an Undo in the toast. Anything no
 * grant allows is denied.
 * @summary Supervisor › Grants.
 */
@customElement('comet-supervisor-grants')
export class CometSupervisorGrants extends LitElement {
  static override styles = [baseStyles, viewStyles, supervisorStyles, grantsStyles];

  @consume({ context: platformContext, subscribe: true })
  @state()
  accessor platform: Platform | undefined;

  /** The supervisor's services (set by <comet-supervisor-view>). */
  @property({ attribute: false })
  accessor services: SupervisorServices | undefined;

  /** The path below '#/supervisor/grants': ['new'] opens the form. */
  @property({ attribute: false })
  accessor rest: string[] = [];

  /** Every grant, as the store last reported. */
  @state() accessor grants: readonly Grant[] = [];
  /** Whether the Add-grant form is open. */
  @state() accessor adding = false;
  /** Bumped by the refresh timer, so time-dependent states are read again. */
  @state() accessor tick = 0;
  @state() accessor error = '';

  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => this.tick++, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('services')) {
      this.#unsubscribe?.();
      const store = this.services?.supervisor.grants;
      this.grants = store?.list() ?? [];
      this.#unsubscribe = store?.subscribe((grants) => (this.grants = grants));
    }
    if (changed.has('rest') && this.rest[0] === 'new') this.adding = true;
  }

  override render() {
    const groups = this.#groups();
    return html`
      <div class="section-header">
        <div>
          <h2>Grants</h2>
          <p>What each principal may use. Anything no grant allows is denied.</p>
        </div>
        <div class="actions">
          <wa-button variant="brand" size="s" ?disabled=${this.adding} @click=${() => (this.adding = true)}
            ><span slot="start">${icon('plus')}</span>Add grant</wa-button
          >
        </div>
      </div>
      ${this.adding ? this.#renderForm(groups) : nothing}
      ${this.error ? html`<p class="panel empty error-text" role="alert">${this.error}</p>` : nothing}
      ${
        groups.length
          ? groups.map((group) => this.#renderGroup(group))
          : html`<section class="panel">
              <p class="empty"><strong>No grants yet</strong>Every call is denied until you grant something.</p>
            </section>`
      }
    `;
  }

  #renderForm(groups: PrincipalGroup[]) {
    return html`<section class="panel form-panel" aria-labelledby="new-grant">
      <div class="panel-header"><h3 id="new-grant">New grant</h3></div>
      <div class="panel-body">
        <comet-supervisor-grant-form
          .grants=${this.services?.supervisor.grants}
          .principals=${groups.map((g) => g.id)}
          @comet-grant-added=${this.#added}
          @comet-grant-cancel=${() => (this.adding = false)}
        ></comet-supervisor-grant-form>
      </div>
    </section>`;
  }

  #renderGroup(group: PrincipalGroup) {
    const pattern = group.id.includes('*');
    const headingId = `principal-${group.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    return html`<section class="panel group" aria-labelledby=${headingId}>
      <div class="panel-header">
        <h3 id=${headingId}><code>${group.id}</code></h3>
        ${group.label ? html`<span class="meta">${group.label}</span>` : nothing}
        ${pattern ? html`<span class="chip accent">Pattern</span>` : nothing}
        <span class="chip count">${group.grants.length} ${group.grants.length === 1 ? 'grant' : 'grants'}</span>
      </div>
      ${
        group.grants.length
          ? html`<ul class="grants">
              ${group.grants.map((grant) => this.#renderGrant(grant))}
            </ul>`
          : html`<p class="none">No grants: every call of ${group.id} is denied.</p>`
      }
    </section>`;
  }

  #renderGrant(grant: Grant) {
    const now = this.services?.clock.now() ?? Date.now();
    const state = grantState(grant, now);
    return html`<li class="grant ${state.state}">
      <div class="grow">
        <p class="sentence">${describeGrant(grant)}</p>
        <p class="meta">
          ${state.detail} · added
          ${formatDateTime(grant.createdAt)}${
            grant.source && grant.source !== 'user' ? ` by ${grant.source}` : ''
          }${grant.note ? html` · <span class="note">${grant.note}</span>` : nothing}
        </p>
      </div>
      <span
        class="chip ${state.state === 'active' ? 'ok' : state.state === 'outside-window' || state.state === 'not-yet-valid' ? 'ask' : 'deny'}"
        >${state.label}</span
      >
      <wa-button size="s" variant="danger" appearance="plain" @click=${() => void this.revoke(grant)}
        >Revoke<span class="visually-hidden"> “${describeGrant(grant)}”</span></wa-button
      >
    </li>`;
  }

  /** Revokes a grant at once; the toast offers Undo, which puts it back as it was (same id and times). */
  async revoke(grant: Grant): Promise<void> {
    const services = this.services;
    if (!services) return;
    this.error = '';
    try {
      await services.supervisor.grants.remove(grant.id);
    } catch (error) {
      this.error = `The grant was not revoked: ${errorMessage(error)}`;
      return;
    }
    this.platform?.toasts.show({
      variant: 'success',
      title: 'Grant revoked',
      message: describeGrant(grant),
      duration: 10_000,
      action: { label: 'Undo', run: () => void this.#restore(grant) },
    });
  }

  async #restore(grant: Grant): Promise<void> {
    try {
      await this.services?.supervisor.grants.putAll([grant]);
    } catch (error) {
      this.platform?.toasts.error(error, 'The grant could not be restored');
    }
  }

  #added = (event: GrantAddedEvent) => {
    this.adding = false;
    this.platform?.toasts.show({
      variant: 'success',
      title: 'Grant added',
      message: describeGrant(event.detail.grant),
    });
  };

  /** Issued principals and every principal or pattern named by a grant, each with its grants (newest last). */
  #groups(): PrincipalGroup[] {
    const groups = new Map<string, PrincipalGroup>();
    for (const principal of this.services?.principals.list() ?? [])
      groups.set(principal.id, { id: principal.id, label: principal.label, grants: [] });
    for (const grant of this.grants) {
      let group = groups.get(grant.principal);
      if (!group) groups.set(grant.principal, (group = { id: grant.principal, grants: [] }));
      group.grants.push(grant);
    }
    // Principals with grants first, then patterns, then the rest; each alphabetically.
    const rank = (g: PrincipalGroup) => (g.grants.length ? 0 : 2) + (g.id.includes('*') ? 1 : 0);
    return [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comet-supervisor-grants': CometSupervisorGrants;
  }
}
