import type { HistoricInstance } from '@liuzhuan/engine';
import type { InstanceStateDto, InstanceSummaryDto } from '../../api-types/monitor.ts';
import { requestState } from '../workspace/request-info.ts';

/**
 * The monitor's four states (API contract B): running instances are `incident` while one of
 * their incidents is open, else `active` (suspended ones too); ended ones are `completed`, or
 * `canceled` when deleted or terminated from outside.
 */
export function monitorState(h: Pick<HistoricInstance, 'endTime' | 'state'>, incidents: number): InstanceStateDto {
  if (h.endTime === null) return incidents > 0 ? 'incident' : 'active';
  // an ended instance reads as it does in the employee's lists
  return requestState(h) as 'completed' | 'canceled';
}

export function instanceSummary(h: HistoricInstance, incidents: number): InstanceSummaryDto {
  return {
    id: h.id,
    key: h.definitionKey,
    name: h.definitionName,
    version: h.definitionVersion,
    definitionId: h.definitionId,
    businessKey: h.businessKey,
    startedBy: h.startUserId,
    startTime: h.startTime.toISOString(),
    endTime: h.endTime ? h.endTime.toISOString() : null,
    state: monitorState(h, incidents),
    incidents,
  };
}

/** a stored variable value as JSON carries it: a Long (kept as text) as a number when it fits */
export function plainValue(type: string, value: unknown): unknown {
  if (type === 'Long' && typeof value === 'string' && Number.isSafeInteger(Number(value))) return Number(value);
  return value ?? null;
}
