// Keyboard shortcuts of the shell: one list (shown in the shortcuts dialog and next to nav entries) and one
// controller that handles them. Alt+digit uses the physical key (event.code), so it works on every layout
// and with macOS's Option key, which changes the typed character.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RouteDefinition } from './routes.js';

/** A shortcut as the UI lists it. */
export interface ShortcutInfo {
  /** Keys pressed together, as labels: ['Alt', '1']. */
  keys: string[];
  description: string;
}

/** What the shortcuts do; the shell provides them. */
export interface ShortcutActions {
  navigate(path: string): void;
  toggleDebug(): void;
  showShortcuts(): void;
}

const MAX_ROUTE_SHORTCUTS = 9;

/** The keys that open route number `index` (0-based), or undefined past the ninth. */
export function routeShortcut(index: number): string[] | undefined {
  return index < MAX_ROUTE_SHORTCUTS ? ['Alt', String(index + 1)] : undefined;
}

/** Every shortcut, for the shortcuts dialog. */
export function shortcutList(routes: readonly RouteDefinition[]): ShortcutInfo[] {
  const navigation = routes.flatMap((route, i) => {
    const keys = routeShortcut(i);
    return keys ? [{ keys, description: `Go to ${route.title}` }] : [];
  });
  const inViews = routes.flatMap((route) =>
    (route.shortcuts ?? []).map(({ keys, description }) => ({ keys, description: `${route.title}: ${description}` })),
  );
  return [
    ...navigation,
    { keys: ['Alt', 'Shift', 'D'], description: 'Turn debug mode on or off' },
    { keys: ['?'], description: 'Show keyboard shortcuts' },
    { keys: ['Esc'], description: 'Close a dialog' },
    ...inViews,
  ];
}

/** True when the event comes from somewhere the user types: those keys are text, not shortcuts. */
function fromEditable(event: KeyboardEvent): boolean {
  return event.composedPath().some((node) => {
    if (!(node instanceof HTMLElement)) return false;
    return node.isContentEditable || /^(INPUT|TEXTAREA|SELECT|WA-INPUT|WA-TEXTAREA|WA-SELECT)$/.test(node.tagName);
  });
}

/** Handles the shell's shortcuts on `target` (the window) while the host is connected. */
export class ShortcutsController implements ReactiveController {
  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
    const digit = /^Digit([1-9])$/.exec(event.code);
    if (event.altKey && !event.shiftKey && digit) {
      const route = this.routes[Number(digit[1]) - 1];
      if (!route) return;
      event.preventDefault();
      this.actions.navigate(route.path);
    } else if (event.altKey && event.shiftKey && event.code === 'KeyD') {
      event.preventDefault();
      this.actions.toggleDebug();
    } else if (!event.altKey && event.key === '?' && !fromEditable(event)) {
      event.preventDefault();
      this.actions.showShortcuts();
    }
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly routes: readonly RouteDefinition[],
    private readonly actions: ShortcutActions,
    private readonly target: EventTarget = window,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.target.addEventListener('keydown', this.#onKeyDown as EventListener);
  }

  hostDisconnected(): void {
    this.target.removeEventListener('keydown', this.#onKeyDown as EventListener);
  }
}
