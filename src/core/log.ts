/**
 * The platform log: a bounded ring of recent entries that the debug inspector shows, mirrored to the
 * console. Warnings and errors always reach the console; debug and info only in verbose (debug) mode.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One log line. */
export interface LogEntry {
  time: number;
  level: LogLevel;
  /** Where it came from: 'db', 'sw', 'rpc:echo', … */
  source: string;
  message: string;
  data?: unknown;
}

type Listener = (entry: LogEntry) => void;

/** A log with a bounded memory of recent entries and live listeners. */
export class Logger {
  verbose = false;
  readonly #entries: LogEntry[] = [];
  readonly #listeners = new Set<Listener>();

  constructor(
    private readonly capacity = 500,
    private readonly now: () => number = Date.now,
  ) {}

  debug(source: string, message: string, data?: unknown): void {
    this.#write('debug', source, message, data);
  }
  info(source: string, message: string, data?: unknown): void {
    this.#write('info', source, message, data);
  }
  warn(source: string, message: string, data?: unknown): void {
    this.#write('warn', source, message, data);
  }
  error(source: string, message: string, data?: unknown): void {
    this.#write('error', source, message, data);
  }

  /** The most recent entries, oldest first. */
  entries(): readonly LogEntry[] {
    return this.#entries;
  }

  /** Calls `listener` for every new entry; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #write(level: LogLevel, source: string, message: string, data?: unknown): void {
    const entry: LogEntry = { time: this.now(), level, source, message, ...(data === undefined ? {} : { data }) };
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) this.#entries.splice(0, this.#entries.length - this.capacity);
    if (level === 'warn' || level === 'error' || this.verbose) {
      const args: unknown[] = [`[comet:${source}] ${message}`];
      if (data !== undefined) args.push(data);
      console[level === 'debug' ? 'debug' : level](...args);
    }
    for (const listener of this.#listeners) listener(entry);
  }
}

/** The log shared by everything in this page or worker. */
export const log = new Logger();
