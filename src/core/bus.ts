import { systemClock, type Clock } from './clock.js';
import { CometError, errorMessage } from './errors.js';
import type { CometEvents, Topic } from './events.js';
import { newId } from './ids.js';
import { log } from './log.js';

/** One published event as every subscriber and transport sees it. */
export interface BusMessage<T extends Topic = Topic> {
  id: string;
  topic: T;
  payload: CometEvents[T];
  /** Epoch ms on the publishing bus's clock. */
  time: number;
  /** Id of the bus that first published it. */
  origin: string;
}

/** A subscription pattern: '*' (everything) or 'prefix.*' (every topic under prefix, at any depth). */
export type TopicPattern = '*' | `${string}.*`;

/** What a port-like transport can do: a MessagePort, a Worker, or a worker's own global scope. */
export type BusPort = MessagePort | Worker | DedicatedWorkerGlobalScope;

type Handler = (payload: unknown, message: BusMessage) => void;

interface Transport {
  post(message: BusMessage): void;
  disconnect(): void;
}

/** Wire format: a tagged envelope, so a port shared with other protocols ignores our messages and we ignore theirs. */
interface Envelope {
  cometBus: 1;
  message: BusMessage;
}

const isEnvelope = (data: unknown): data is Envelope =>
  typeof data === 'object' && data !== null && (data as Partial<Envelope>).cometBus === 1;

/** How many recent message ids a bus remembers to drop duplicates; enough for bursts, bounded for long sessions. */
const SEEN_CAPACITY = 2048;

/**
 * A typed publish/subscribe bus. In the page it connects to workers (connectPort) and to other tabs
 * (connectBroadcastChannel); every message reaches each connected bus once, is never echoed back to the
 * transport it came from, and never loops, because every bus drops message ids it has already seen.
 */
export class EventBus {
  /** This bus's id, stamped as `origin` on what it publishes. */
  readonly id: string;
  readonly #clock: Clock;
  readonly #handlers = new Map<string, Set<Handler>>();
  readonly #transports = new Set<Transport>();
  readonly #seen = new Set<string>();

  constructor(options: { id?: string; clock?: Clock } = {}) {
    this.id = options.id ?? newId();
    this.#clock = options.clock ?? systemClock;
  }

  /** Delivers `payload` to local subscribers and to every connected tab and worker. */
  publish<T extends Topic>(topic: T, payload: CometEvents[T]): void {
    const message: BusMessage<T> = { id: newId(), topic, payload, time: this.#clock.now(), origin: this.id };
    // Transports first: an uncloneable payload then fails before anyone has seen the message.
    this.#forward(message);
    this.#remember(message.id);
    this.#deliver(message);
  }

  /** Calls `handler` for every message on `topic`; returns the unsubscribe function. */
  subscribe<T extends Topic>(topic: T, handler: (payload: CometEvents[T], message: BusMessage<T>) => void): () => void;
  /** Calls `handler` for every message matching a wildcard pattern ('*' or 'prefix.*'). */
  subscribe(pattern: TopicPattern, handler: (payload: unknown, message: BusMessage) => void): () => void;
  subscribe(key: string, handler: Handler): () => void {
    let set = this.#handlers.get(key);
    if (!set) this.#handlers.set(key, (set = new Set()));
    // Wrap, so subscribing the same function twice gives two independent subscriptions.
    const entry: Handler = (payload, message) => handler(payload, message);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#handlers.get(key) === set) this.#handlers.delete(key);
    };
  }

  /** Joins the tabs of this origin on a BroadcastChannel; returns the disconnect function. */
  connectBroadcastChannel(name = 'comet-bus'): () => void {
    const channel = new BroadcastChannel(name);
    const transport: Transport = {
      post: (message) => channel.postMessage({ cometBus: 1, message } satisfies Envelope),
      disconnect: () => channel.close(),
    };
    channel.onmessage = (event: MessageEvent) => this.#receive(event.data, transport);
    channel.onmessageerror = () => log.error('bus', `A message on channel ${name} could not be deserialized`);
    return this.#add(transport);
  }

  /** Bridges to a worker (call it with the Worker in the page and with `self` in the worker); returns the disconnect function. */
  connectPort(port: BusPort): () => void {
    const onMessage = (event: MessageEvent) => this.#receive(event.data, transport);
    const onMessageError = () => log.error('bus', 'A message from a port could not be deserialized');
    // The three port kinds share this surface; TypeScript's lib types them apart.
    const target = port as MessagePort;
    const transport: Transport = {
      post: (message) => target.postMessage({ cometBus: 1, message } satisfies Envelope),
      disconnect: () => {
        target.removeEventListener('message', onMessage);
        target.removeEventListener('messageerror', onMessageError);
      },
    };
    target.addEventListener('message', onMessage);
    target.addEventListener('messageerror', onMessageError);
    if (typeof target.start === 'function') target.start(); // a MessagePort only delivers to listeners once started
    return this.#add(transport);
  }

  /** Number of live subscriptions (tests use it to prove nothing leaks). */
  listenerCount(): number {
    let count = 0;
    for (const set of this.#handlers.values()) count += set.size;
    return count;
  }

  /** Number of connected tabs/workers transports. */
  transportCount(): number {
    return this.#transports.size;
  }

  /** Disconnects every transport and drops every subscription; the bus can be reconnected afterwards. */
  close(): void {
    for (const transport of this.#transports) transport.disconnect();
    this.#transports.clear();
    this.#handlers.clear();
  }

  #add(transport: Transport): () => void {
    this.#transports.add(transport);
    return () => {
      if (this.#transports.delete(transport)) transport.disconnect();
    };
  }

  #receive(data: unknown, from: Transport): void {
    if (!isEnvelope(data)) return; // someone else's protocol on a shared port
    const { message } = data;
    if (this.#seen.has(message.id)) return;
    this.#remember(message.id);
    this.#forward(message, from);
    this.#deliver(message);
  }

  #forward(message: BusMessage, except?: Transport): void {
    for (const transport of this.#transports) {
      if (transport === except) continue;
      try {
        transport.post(message);
      } catch (error) {
        const reason = errorMessage(error);
        if (error instanceof DOMException && error.name === 'DataCloneError') {
          throw new CometError(
            'not-cloneable',
            { what: `The payload of bus topic ${message.topic}`, reason },
            { cause: error },
          );
        }
        throw error;
      }
    }
  }

  #deliver(message: BusMessage): void {
    for (const key of matchingKeys(message.topic)) {
      const set = this.#handlers.get(key);
      if (!set) continue;
      for (const handler of [...set]) {
        try {
          handler(message.payload, message);
        } catch (error) {
          log.error(
            'bus',
            `A subscriber to ${key} threw while handling ${message.topic}: ${errorMessage(error)}`,
            error,
          );
        }
      }
    }
  }

  #remember(id: string): void {
    this.#seen.add(id);
    if (this.#seen.size > SEEN_CAPACITY) this.#seen.delete(this.#seen.values().next().value!);
  }
}

/** The subscription keys a topic reaches: itself, each 'prefix.*' above it, and '*'. */
function matchingKeys(topic: string): string[] {
  const keys = [topic];
  for (let dot = topic.indexOf('.'); dot !== -1; dot = topic.indexOf('.', dot + 1)) {
    keys.push(`${topic.slice(0, dot)}.*`);
  }
  keys.push('*');
  return keys;
}
