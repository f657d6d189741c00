// The user's settings: a persisted store slice, kept in step across tabs. A change made here is published on
// the bus as 'settings.changed'; another tab applies it with a different action, which is not published again,
// so two tabs never ping-pong.
import type { EventBus } from '../core/bus.js';
import { createSlice, type Action, type Middleware } from '../core/store.js';
import { restoreByShape } from '../core/slice-persistence.js';
import type { ThemePreference } from './theme.js';

/** What the user can set. */
export interface Settings {
  theme: ThemePreference;
  /** Verbose logging and the inspector panel. */
  debug: boolean;
}

declare module '../core/events.js' {
  interface CometEvents {
    /** The settings changed in some tab (payload: all of them); other tabs apply them live. */
    'settings.changed': Settings;
  }
}

const THEMES: readonly ThemePreference[] = ['system', 'light', 'dark'];

/** The settings of a fresh install. */
export const defaultSettings: Settings = { theme: 'system', debug: false };

type SettingsAction =
  { type: 'settings/changed'; payload: Partial<Settings> } | { type: 'settings/synced'; payload: Settings };

/** Changes some settings in this tab (and, through the bus, in every other tab). */
export const changeSettings = (payload: Partial<Settings>): SettingsAction => ({ type: 'settings/changed', payload });

/** Applies settings that another tab changed. */
export const syncSettings = (payload: Settings): SettingsAction => ({ type: 'settings/synced', payload });

/** The `settings` slice, persisted; a saved value with an unknown theme falls back to the defaults. */
export const settingsSlice = createSlice({
  name: 'settings',
  initialState: defaultSettings,
  persist: true,
  reducer(state: Settings, action: Action): Settings {
    const a = action as SettingsAction;
    if (a.type !== 'settings/changed' && a.type !== 'settings/synced') return state;
    const next = { ...state, ...a.payload };
    return next.theme === state.theme && next.debug === state.debug ? state : next;
  },
  restore(saved: unknown): Settings | undefined {
    const value = restoreByShape(defaultSettings, saved);
    return value && THEMES.includes(value.theme) ? { theme: value.theme, debug: value.debug } : undefined;
  },
});

/** Publishes 'settings.changed' after a local change actually changed something. */
export function settingsBroadcast<S extends { settings: Settings }>(bus: EventBus): Middleware<S> {
  return (api) => (next) => (action) => {
    const before = api.getState().settings;
    next(action);
    const after = api.getState().settings;
    if (action.type === 'settings/changed' && after !== before) bus.publish('settings.changed', after);
  };
}

/** Applies 'settings.changed' from other tabs to this tab's store; returns the unsubscribe function. */
export function followOtherTabs(bus: EventBus, dispatch: (action: Action) => void): () => void {
  return bus.subscribe('settings.changed', (settings, message) => {
    if (message.origin !== bus.id) dispatch(syncSettings(settings));
  });
}
