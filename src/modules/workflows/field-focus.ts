/**
 * Finding the form field of a JSON Pointer across the editor's nested shadow roots: fields mark themselves with
 * `data-path` (the pointer of the value they edit); the field for a problem is the one with exactly its path, else the
 * closest enclosing one ('/steps/0/input/headers/x' → the headers field).
 */
import type { ReactiveElement } from 'lit';

/** Every element under `root` (through open shadow roots) carrying a `data-path`. */
function* markedFields(root: ParentNode): Generator<HTMLElement> {
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.dataset.path !== undefined) yield element;
    if (element.shadowRoot) yield* markedFields(element.shadowRoot);
  }
}

/** The field that edits `pointer`, or the closest field enclosing it; undefined when none does. */
export function findField(root: ParentNode, pointer: string): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLength = -1;
  for (const field of markedFields(root)) {
    const path = field.dataset.path!;
    const encloses = path === pointer || pointer.startsWith(`${path}/`);
    if (encloses && path.length > bestLength) {
      best = field;
      bestLength = path.length;
    }
  }
  return best;
}

/** Waits until every Lit element under `root` (through shadow roots) has rendered its pending changes. */
export async function settle(root: ParentNode, depth = 0): Promise<void> {
  if (depth > 12) return;
  for (const element of root.querySelectorAll('*')) {
    const pending = (element as Partial<ReactiveElement>).updateComplete;
    if (pending) await pending;
    if (element.shadowRoot) await settle(element.shadowRoot, depth + 1);
  }
}

const FOCUSABLE = 'input, select, textarea, button, [tabindex]:not([tabindex="-1"]), wa-input, wa-select, wa-checkbox';

/** Focuses a field: itself when it can take focus (a control or a custom element), else its first control. */
export function focusField(field: HTMLElement): void {
  const target =
    field.localName.includes('-') || field.matches(FOCUSABLE) ? field : field.querySelector<HTMLElement>(FOCUSABLE);
  (target ?? field).focus();
}
