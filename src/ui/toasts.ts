// The notifications the shell shows in <comet-toaster>. Plain TypeScript (no DOM), so any service can raise
// one and tests drive its timers with a ManualClock. Errors stay until the user dismisses them.
import { systemClock, type Clock } from '../core/clock.js';
import { errorMessage } from '../core/errors.js';
import { newId } from '../core/ids.js';

/** How a toast looks and how urgently it is announced ('danger' and 'warning' interrupt). */
export type ToastVariant = 'info' | 'success' | 'warning' | 'danger';

/** What a caller asks to show. */
export interface ToastInput {
  variant?: ToastVariant;
  title: string;
  message?: string;
  /** Milliseconds before it hides itself; errors ('danger') default to staying until dismissed. */
  duration?: number;
  /** One button on the toast, e.g. "Open Settings". */
  action?: { label: string; run: () => void };
}

/** A toast on screen. */
export interface Toast extends ToastInput {
  id: string;
  variant: ToastVariant;
  /** How many times the same toast was raised while it was showing (shown as ×n, instead of a stack of copies). */
  count: number;
}

/** How long a non-error toast stays by default. */
export const DEFAULT_TOAST_MS = 6000;
const MAX_VISIBLE = 5;

/** The list of toasts on screen, with auto-dismiss timers on the injected clock. */
export class ToastCenter {
  #items: Toast[] = [];
  readonly #timers = new Map<string, number>();
  readonly #listeners = new Set<() => void>();
  readonly #clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /** The toasts on screen, oldest first. */
  get items(): readonly Toast[] {
    return this.#items;
  }

  /** Shows a toast (or counts a repeat of one already showing); returns its id. */
  show(input: ToastInput): string {
    const variant = input.variant ?? 'info';
    const same = this.#items.find(
      (t) => t.variant === variant && t.title === input.title && t.message === input.message,
    );
    const toast: Toast = same ? { ...same, count: same.count + 1 } : { ...input, id: newId(), variant, count: 1 };
    this.#items = same ? this.#items.map((t) => (t === same ? toast : t)) : [...this.#items, toast];
    this.#evictOverflow();
    this.#schedule(toast);
    this.#notify();
    return toast.id;
  }

  /** Shows an error: a CometError's message already says what happened and what to do. */
  error(error: unknown, title = 'Something went wrong'): string {
    return this.show({ variant: 'danger', title, message: errorMessage(error) });
  }

  /** Hides a toast; unknown ids are ignored (it may have timed out already). */
  dismiss(id: string): void {
    this.#clearTimer(id);
    const before = this.#items.length;
    this.#items = this.#items.filter((t) => t.id !== id);
    if (this.#items.length !== before) this.#notify();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Cancels every timer (the page is going away, or a test ends). */
  dispose(): void {
    for (const id of [...this.#timers.keys()]) this.#clearTimer(id);
    this.#listeners.clear();
  }

  #schedule(toast: Toast): void {
    this.#clearTimer(toast.id);
    const duration = toast.duration ?? (toast.variant === 'danger' ? Infinity : DEFAULT_TOAST_MS);
    if (!Number.isFinite(duration)) return;
    this.#timers.set(
      toast.id,
      this.#clock.setTimeout(() => this.dismiss(toast.id), duration),
    );
  }

  #clearTimer(id: string): void {
    const timer = this.#timers.get(id);
    if (timer === undefined) return;
    this.#clock.clearTimeout(timer);
    this.#timers.delete(id);
  }

  /** Too many at once: drop the oldest that would go by itself anyway, an error only if all are errors. */
  #evictOverflow(): void {
    while (this.#items.length > MAX_VISIBLE) {
      const victim = this.#items.find((t) => t.variant !== 'danger') ?? this.#items[0];
      this.#clearTimer(victim.id);
      this.#items = this.#items.filter((t) => t !== victim);
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
