// Client-side routing on the URL's hash (`#/settings/storage`). Hash routing, not the History API, because
// the app must run from any static host and under any sub-path (https://example.org/comet/) with no server
// rewrites: the path part of the URL always names index.html, so a reload or a shared deep link can never
// 404, and the service worker's offline fallback needs nothing special.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RouteDefinition } from './routes.js';

/** Where the hash points: the matched route (if any), the rest of the path below it, and the raw path. */
export interface RouteMatch {
  /** The route, or undefined for a path no route owns (the not-found view). */
  route: RouteDefinition | undefined;
  /** Path segments below the route's own, e.g. ['storage'] for '#/settings/storage'. */
  rest: string[];
  /** The normalised path, '/' for the home route. */
  path: string;
}

/** The link to a route path, relative to the current document: '#/settings'. */
export function href(path: string): string {
  return `#/${path.replace(/^\/+/, '')}`;
}

/** Splits a hash ('#/settings/storage', '#settings', '', '#/') into path segments. */
export function segments(hash: string): string[] {
  const path = hash.replace(/^#/, '').split(/[?#]/, 1)[0];
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s; // a malformed escape is just an unknown path, not a crash
      }
    });
}

/** Finds the route a hash points to: '' is the home route; 'settings/…' belongs to the 'settings' route. */
export function matchRoute(routes: readonly RouteDefinition[], hash: string): RouteMatch {
  const parts = segments(hash);
  const path = '/' + parts.join('/');
  if (parts.length === 0) return { route: routes.find((r) => r.path === ''), rest: [], path };
  const route = routes.find((r) => r.path !== '' && r.path === parts[0]);
  return route ? { route, rest: parts.slice(1), path } : { route: undefined, rest: parts, path };
}

/** Keeps its host rendering the route of the current hash; back and forward work because the hash is history. */
export class RouterController implements ReactiveController {
  /** The current match. */
  match: RouteMatch;
  readonly #onChange = () => {
    this.match = matchRoute(this.routes, this.window.location.hash);
    this.onNavigate?.(this.match);
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly routes: readonly RouteDefinition[],
    private readonly window: Window = globalThis.window,
    /** Called after every navigation (not the initial route): the shell moves focus to the new view. */
    private readonly onNavigate?: (match: RouteMatch) => void,
  ) {
    this.match = matchRoute(routes, window.location.hash);
    host.addController(this);
  }

  hostConnected(): void {
    this.window.addEventListener('hashchange', this.#onChange);
  }

  hostDisconnected(): void {
    this.window.removeEventListener('hashchange', this.#onChange);
  }

  /** Navigates to a path ('/settings/storage'); adds a history entry, so back returns here. */
  navigate(path: string): void {
    const target = href(path);
    if (this.window.location.hash === target) return;
    this.window.location.hash = target;
  }
}
