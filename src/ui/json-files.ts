// Saving a JSON file from a view and picking one to load: the workflow list (export, import) and the run views
// (save a run, load a run) do both the same way.
import { html } from 'lit';

/** Offers `text` as a file download named `filename`. */
export function downloadText(text: string, filename: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has started from the URL; revoke it once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A hidden file input for one JSON file, opened by a visible button's `input.click()`; `load` gets the file's text
 * and name. The input is emptied after each pick so that the same file can be picked again after fixing it.
 */
export function jsonFileInput(load: (text: string, name: string) => Promise<unknown>) {
  const pick = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) await load(await file.text(), file.name);
  };
  return html`<input
    type="file"
    accept="application/json,.json"
    hidden
    aria-hidden="true"
    tabindex="-1"
    @change=${pick}
  />`;
}
