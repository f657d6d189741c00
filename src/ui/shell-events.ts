// DOM events the shell's elements send up to <comet-app>. They cross shadow roots on purpose (composed).

/** Asks the shell to open the keyboard shortcuts dialog. */
export type ShowShortcutsEvent = CustomEvent<void>;

/** Asks the shell to open or close the debug inspector (toggle when `open` is undefined). */
export type ToggleInspectorEvent = CustomEvent<{ open?: boolean }>;

/** Creates a composed, bubbling event of the shell. */
export function shellEvent<K extends keyof ShellEventMap>(
  type: K,
  detail: ShellEventMap[K]['detail'],
): ShellEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as ShellEventMap[K];
}

interface ShellEventMap {
  'comet-show-shortcuts': ShowShortcutsEvent;
  'comet-toggle-inspector': ToggleInspectorEvent;
}

declare global {
  interface HTMLElementEventMap {
    'comet-show-shortcuts': ShowShortcutsEvent;
    'comet-toggle-inspector': ToggleInspectorEvent;
  }
}
