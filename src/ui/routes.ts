// The route table: one line per module view. The navigation, the keyboard shortcuts (Alt+1…n, in this
// order) and the router are all built from it, so a new module adds one entry here and nothing else.
// Only modules that really work are listed: no placeholders.
import type { IconName } from './icons.js';

/** One view the shell can route to. */
export interface RouteDefinition {
  /** The first path segment it owns ('' is the home route): '#/settings/storage' belongs to 'settings'. */
  path: string;
  /** Its name in the navigation and the document title. */
  title: string;
  /** A short line shown with it in the shortcuts dialog and as the nav entry's description. */
  description: string;
  icon: IconName;
  /** The view's custom element, defined by the module `load` imports; it gets the path below the route as `rest`. */
  tag: string;
  /** Imports the view's module: a dynamic import, so every view is its own lazily loaded chunk. */
  load: () => Promise<unknown>;
  /** Keys the view itself handles, listed in the shortcuts dialog under its name. */
  shortcuts?: { keys: string[]; description: string }[];
}

/** Every routed view, in navigation order. */
export const routes: readonly RouteDefinition[] = [
  {
    path: '',
    title: 'Overview',
    description: 'Status of this device: storage, offline support, version',
    icon: 'overview',
    tag: 'comet-home-view',
    load: () => import('../modules/home/comet-home-view.js'),
  },
  {
    path: 'workflows',
    title: 'Workflows',
    description: 'Multi-step pipelines of capabilities: build, import and start from templates',
    icon: 'workflow',
    tag: 'comet-workflows-view',
    load: () => import('../modules/workflows/comet-workflows-view.js'),
    shortcuts: [
      { keys: ['Ctrl', 'S'], description: 'Save the workflow (in the editor; ⌘S on a Mac)' },
      { keys: ['Ctrl', 'Enter'], description: 'Run the workflow (in the editor and the run dialog; ⌘↵ on a Mac)' },
      { keys: ['{{'], description: 'Suggest references while typing a step input' },
    ],
  },
  {
    path: 'supervisor',
    title: 'Supervisor',
    description: 'Grants, policies, approvals, the audit log, API keys and capabilities',
    icon: 'shield',
    tag: 'comet-supervisor-view',
    load: () => import('../modules/supervisor/comet-supervisor-view.js'),
  },
  {
    path: 'settings',
    title: 'Settings',
    description: 'Appearance, developer options, storage and about',
    icon: 'settings',
    tag: 'comet-settings-view',
    load: () => import('../modules/settings/comet-settings-view.js'),
  },
];

/** What a routed view element receives from the shell. */
export interface RoutedView extends HTMLElement {
  /** Path segments below the view's route, e.g. ['storage'] for '#/settings/storage'. */
  rest: string[];
  /** Moves focus to the heading of what changed after a navigation (default: the view's h1). */
  focusHeading?(): Promise<void>;
}
