/**
 * Which bus events reach an event trigger. A trigger's topic is a topic ('memory.note.saved') or a glob with '*'
 * ('memory.*', 'memory.*.saved', '*'). The engine's own topics ('workflow.*') reach a trigger only when its pattern
 * starts with 'workflow.' — so '*' does not restart workflows on every step of every run — and never when they are
 * about a run of the trigger's own workflow, so a workflow cannot keep triggering itself.
 */
import type { EventBus, TopicPattern } from '../../../core/bus.js';
import type { Topic } from '../../../core/events.js';
import { matchesGlob } from '../../../core/glob.js';

/** Subscribes with the bus's own patterns when they can say it ('x.*', '*'), else to everything (filtered later). */
export function subscribePattern(
  bus: Pick<EventBus, 'subscribe'>,
  pattern: string,
  onEvent: (payload: unknown, topic: string) => void,
): () => void {
  if (pattern === '*' || /^[^*]+\.\*$/.test(pattern)) {
    return bus.subscribe(pattern as TopicPattern, (payload, message) => onEvent(payload, message.topic));
  }
  if (!pattern.includes('*')) {
    // A topic another module declares at run time; the bus keys subscriptions by the string.
    return bus.subscribe(pattern as Topic, (payload, message) => onEvent(payload, message.topic));
  }
  return bus.subscribe('*', (payload, message) => onEvent(payload, message.topic));
}

/** Whether an event on `topic` reaches the trigger of `workflowId` listening to `pattern` (see the file comment). */
export function acceptsEvent(pattern: string, topic: string, payload: unknown, workflowId: string): boolean {
  if (!matchesGlob(pattern, topic)) return false;
  if (!topic.startsWith('workflow.')) return true;
  if (!pattern.startsWith('workflow.')) return false;
  const about =
    typeof payload === 'object' && payload !== null ? (payload as { workflowId?: unknown }).workflowId : undefined;
  return about !== workflowId;
}
