/** How a workflow's triggers read for people: "Manual", "At 09:00, Monday through Friday", "On memory.*". */
import { describeCron, localTimeZone } from './engine/cron.js';
import { formatDuration, parseDuration } from './model/duration.js';
import type { WorkflowTrigger } from './model/types.js';

/** One trigger in words. */
export function describeTrigger(trigger: WorkflowTrigger): string {
  switch (trigger.type) {
    case 'manual':
      return 'Manual';
    case 'schedule': {
      const zone = trigger.timezone && trigger.timezone !== localTimeZone() ? ` (${trigger.timezone})` : '';
      return `${describeCron(trigger.cron)}${zone}`;
    }
    case 'event':
      return `On ${trigger.topic}${trigger.debounce !== undefined ? `, after ${debounceText(trigger.debounce)} of quiet` : ''}`;
    default:
      return 'Unknown trigger';
  }
}

/** Every trigger of a workflow in words ('Manual' when it has none). */
export function triggerSummary(triggers: readonly WorkflowTrigger[] | undefined): string {
  const list = Array.isArray(triggers) && triggers.length ? triggers : [{ type: 'manual' as const }];
  return list.map(describeTrigger).join(' · ');
}

function debounceText(debounce: string | number): string {
  try {
    return formatDuration(parseDuration(debounce));
  } catch (error) {
    if (error instanceof Error) return String(debounce); // validation reports it; the list shows it as written
    throw error;
  }
}
