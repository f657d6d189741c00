/**
 * What crosses a worker boundary besides plain data: thrown errors (with name, message, stack, cause and the
 * CometError code and details, which structured cloning alone drops) and AbortSignals (which cannot be cloned at
 * all: each becomes a MessagePort whose far end aborts a fresh signal in the worker). Both sides install these
 * Comlink transfer handlers: the page in spawnWorker, the worker in exposeWorker.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { CometError, errorMessage, isErrorCode } from './errors.js';

/** A thrown value as sent over a port: an Error described field by field, or any other value copied as is. */
export type WireThrown = { isError: true; error: WireError } | { isError: false; value: unknown };

/** An Error described field by field. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** The CometError code, when it was one. */
  code?: string;
  details?: Record<string, unknown>;
  /** It was a DOMException (AbortError, QuotaExceededError, …) and is rebuilt as one. */
  dom?: boolean;
  cause?: WireThrown;
}

/** How deep a chain of `cause`s is carried; deeper ones are cut rather than risk a cycle. */
const MAX_CAUSE_DEPTH = 4;

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** True when structured cloning accepts `value` (functions, class instances with private slots, … do not). */
function canClone(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    // DataCloneError: the value is described instead of sent (see the callers).
    return false;
  }
}

/** `details` with every value that cannot be cloned replaced by its description, so the error still crosses. */
function cloneableDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (canClone(details)) return details;
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, canClone(v) ? v : errorMessage(v)]));
}

/** Describes any thrown value so that it survives postMessage. */
export function toWireThrown(thrown: unknown, depth = 0): WireThrown {
  if (!(thrown instanceof Error)) {
    return { isError: false, value: canClone(thrown) ? thrown : errorMessage(thrown) };
  }
  const error: WireError = { name: thrown.name, message: thrown.message, stack: thrown.stack };
  if (thrown instanceof DOMException) error.dom = true;
  if (thrown instanceof CometError) {
    error.code = thrown.code;
    error.details = cloneableDetails(thrown.details);
  }
  if (thrown.cause !== undefined && depth < MAX_CAUSE_DEPTH) error.cause = toWireThrown(thrown.cause, depth + 1);
  return { isError: true, error };
}

/** Rebuilds a thrown value on this side: CometErrors, DOMExceptions and built-in Error types keep their class. */
export function fromWireThrown(wire: WireThrown): unknown {
  if (!wire.isError) return wire.value;
  const { name, message, stack, code, details, dom, cause } = wire.error;
  const options = cause === undefined ? undefined : { cause: fromWireThrown(cause) };
  let error: Error;
  if (isErrorCode(code)) {
    error = new CometError(code, details ?? {}, options);
    error.message = message;
  } else if (dom) {
    error = new DOMException(message, name);
    if (options) Object.defineProperty(error, 'cause', { value: options.cause, configurable: true, writable: true });
  } else {
    error = new (BUILTIN_ERRORS[name] ?? Error)(message, options);
    error.name = name;
  }
  // The stack is the one from the thread that threw: that is where the bug is.
  Object.defineProperty(error, 'stack', { value: stack, configurable: true, writable: true });
  return error;
}

/** Comlink's own handler, kept for its check of Comlink's private "thrown" marker. */
const comlinkThrow = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;

const throwHandler: TransferHandler<{ value: unknown }, WireThrown> = {
  canHandle: (value): value is { value: unknown } => comlinkThrow.canHandle(value),
  serialize: ({ value }) => [toWireThrown(value), []],
  deserialize(wire) {
    throw fromWireThrown(wire);
  },
};

/** The name of the AbortSignal handler on the wire; the page's tracked endpoint looks for it in outgoing calls. */
export const ABORT_SIGNAL_HANDLER = 'comet-abort-signal';

/** An AbortSignal (or an options object holding one as `signal`) on the wire. */
export interface WireSignal {
  port: MessagePort;
  /** Set when the signal was already aborted when the call was made. */
  aborted?: WireThrown;
  /** The rest of an options object `{ signal, ...rest }`; copied, not transferred. */
  rest?: Record<string, unknown>;
}

type SignalArgument = AbortSignal | { signal: AbortSignal };

/** What the sending side keeps for each signal it sent, so that the call can stop listening once it settles. */
export interface OutgoingSignal {
  signal: AbortSignal;
  /** Stops forwarding the signal's abort and closes the port. */
  release(): void;
}

const outgoing = new WeakMap<MessagePort, OutgoingSignal>();

/** The signal sent through `port` by this side, if any. */
export function outgoingSignal(port: unknown): OutgoingSignal | undefined {
  return port instanceof MessagePort ? outgoing.get(port) : undefined;
}

const isSignalOptions = (value: unknown): value is { signal: AbortSignal } =>
  typeof value === 'object' &&
  value !== null &&
  Object.getPrototypeOf(value) === Object.prototype &&
  (value as { signal?: unknown }).signal instanceof AbortSignal;

const signalHandler: TransferHandler<SignalArgument, WireSignal> = {
  canHandle: (value): value is SignalArgument => value instanceof AbortSignal || isSignalOptions(value),
  serialize(argument) {
    const signal = argument instanceof AbortSignal ? argument : argument.signal;
    const { port1, port2 } = new MessageChannel();
    const wire: WireSignal = { port: port2 };
    if (!(argument instanceof AbortSignal)) {
      const { signal: _signal, ...rest } = argument;
      wire.rest = rest;
    }
    if (signal.aborted) {
      port1.close();
      wire.aborted = toWireThrown(signal.reason);
      outgoing.set(port2, { signal, release: () => undefined });
      return [wire, [port2]];
    }
    const onAbort = () => {
      port1.postMessage(toWireThrown(signal.reason));
      port1.close();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.set(port2, {
      signal,
      release() {
        signal.removeEventListener('abort', onAbort);
        port1.close();
      },
    });
    return [wire, [port2]];
  },
  deserialize({ port, aborted, rest }) {
    let signal: AbortSignal;
    if (aborted) {
      port.close();
      signal = AbortSignal.abort(fromWireThrown(aborted));
    } else {
      const controller = new AbortController();
      port.onmessage = (event: MessageEvent<WireThrown>) => {
        controller.abort(fromWireThrown(event.data));
        port.close();
      };
      signal = controller.signal;
    }
    return rest ? { ...rest, signal } : signal;
  },
};

/** Installs the error and AbortSignal handlers into Comlink (idempotent; Comlink's handler table is global). */
export function installTransferHandlers(): void {
  transferHandlers.set('throw', throwHandler);
  transferHandlers.set(ABORT_SIGNAL_HANDLER, signalHandler);
}
