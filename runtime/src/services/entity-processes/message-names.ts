import type { EntityEvent } from '../entities/types.ts';

/**
 * The messages one committed entity change sends, in this order:
 *   entity:<type>:created | entity:<type>:updated | entity:<type>:deleted | entity:<type>:restored
 *   entity:<type>:changed:<field>   once per changed top-level field, on updates only
 *                                   (a create is `created`, not a change of every field)
 * e.g. moving an opportunity to another stage sends `entity:opportunity:updated` and then
 * `entity:opportunity:changed:stage`. Models name these in <bpmn:message name="…">.
 */
export function messageNames(event: EntityEvent): string[] {
  const base = `entity:${event.entityType}:`;
  const names = [`${base}${event.type}`];
  if (event.type === 'updated') {
    for (const field of new Set(event.changes.map((c) => c.field))) names.push(`${base}changed:${field}`);
  }
  return names;
}
