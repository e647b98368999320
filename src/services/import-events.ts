import { countCodes, type ImportDecision } from '../engine/decide-import.js';
import type { NewEvent } from '../store/events.js';

/**
 * The events one import writes (docs/webhooks.md#events), recorded in the import's transaction in
 * one statement: one per created, changed and enrolled prospect, and one `import.completed`.
 */
export function importEvents(decision: ImportDecision, context: { activityId: string; listId: string; campaignId: string | null; origin: string }): NewEvent[] {
  const { writes, items } = decision;
  const { origin } = context;
  const events: NewEvent[] = [];
  for (const p of writes.creates) events.push({ type: 'prospect.created', data: { prospectId: p.id, listId: p.listId, origin } });
  for (const p of writes.changed.values()) events.push({ type: 'prospect.updated', data: { prospectId: p.id, listId: p.listId, origin } });
  for (const e of writes.enrolments) events.push({ type: 'campaign.prospect_enrolled', data: { campaignId: e.campaignId, prospectId: e.prospectId } });
  events.push({
    type: 'import.completed',
    data: { activityId: context.activityId, listId: context.listId, campaignId: context.campaignId, origin, prospectCount: items.length, ...countCodes(items) },
  });
  return events;
}
