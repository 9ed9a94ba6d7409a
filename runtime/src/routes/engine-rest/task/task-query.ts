import type { TaskQuery, TaskSortKey } from '@liuzhuan/engine';
import { badRequest } from '../../../infra/errors.ts';
import type { IdentityService, Principal } from '../../../services/identity/identity.service.ts';
import { parseCamundaDate } from '../common/dates.ts';
import { listParam } from '../common/management-query.ts';
import type { TaskFilters, TaskSortBy } from './task.schema.ts';

/** Camunda's sort keys → the engine's (the case and tenant keys are null here: by id) */
const SORT: Record<TaskSortBy, TaskSortKey> = {
  instanceId: 'instanceId',
  caseInstanceId: 'id',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  executionId: 'executionId',
  caseExecutionId: 'id',
  assignee: 'assignee',
  created: 'created',
  lastUpdated: 'created',
  description: 'description',
  id: 'id',
  name: 'name',
  nameCaseInsensitive: 'nameCaseInsensitive',
  priority: 'priority',
  tenantId: 'id',
};

const LIST_FIELDS = ['taskIdIn', 'processInstanceIdIn', 'processDefinitionKeyIn', 'taskDefinitionKeyIn', 'assigneeIn', 'candidateGroups'] as const;

/** GET's comma-separated lists as arrays, so both forms read alike */
export function fromQueryString(q: Record<string, unknown>): TaskFilters {
  const out: Record<string, unknown> = { ...q };
  for (const f of LIST_FIELDS) if (typeof q[f] === 'string') out[f] = listParam(q[f]);
  return out as TaskFilters;
}

/** a '+' in a query string arrives as a space: 2026-01-05T09:00:00.000 0100 */
function date(name: string, v: string | undefined): Date | undefined {
  return v === undefined ? undefined : parseCamundaDate(name, v.replace(/ (\d{2}:?\d{2})$/, '+$1'));
}

function sorting(f: TaskFilters): TaskQuery['sort'] {
  if ((f.sortBy === undefined) !== (f.sortOrder === undefined)) throw badRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  const list = f.sorting ?? (f.sortBy ? [{ sortBy: f.sortBy, sortOrder: f.sortOrder }] : []);
  return list.map((s) => ({ by: SORT[s.sortBy], order: s.sortOrder ?? 'asc' }));
}

/**
 * Camunda's task query → the engine's. Like Camunda, candidate filters find unassigned tasks
 * unless includeAssignedTasks, and candidateUser counts the user's groups too. A caller who is
 * not an admin only ever finds the tasks they may see.
 */
export async function toEngineQuery(f: TaskFilters, caller: Principal, identity: IdentityService): Promise<TaskQuery> {
  const byCandidate = f.candidateUser !== undefined || f.candidateGroup !== undefined || f.candidateGroups !== undefined || f.withCandidateGroups === true || f.withCandidateUsers === true;
  if (f.includeAssignedTasks && !byCandidate) {
    throw badRequest('includeAssignedTasks goes with candidateUser, candidateGroup, candidateGroups, withCandidateGroups or withCandidateUsers');
  }
  if (f.assigned && f.unassigned) throw badRequest('assigned and unassigned exclude each other');
  const q: TaskQuery = {
    taskId: f.taskId,
    taskIds: f.taskIdIn,
    processInstanceId: f.processInstanceId,
    processInstanceIds: f.processInstanceIdIn,
    businessKey: f.processInstanceBusinessKey,
    businessKeyLike: f.processInstanceBusinessKeyLike,
    processDefinitionKey: f.processDefinitionKey,
    processDefinitionKeys: f.processDefinitionKeyIn,
    processDefinitionId: f.processDefinitionId,
    executionId: f.executionId,
    taskDefinitionKey: f.taskDefinitionKey,
    taskDefinitionKeys: f.taskDefinitionKeyIn,
    taskDefinitionKeyLike: f.taskDefinitionKeyLike,
    name: f.name,
    nameLike: f.nameLike,
    description: f.description,
    descriptionLike: f.descriptionLike,
    assignee: f.assignee,
    assigneeLike: f.assigneeLike,
    assignees: f.assigneeIn,
    owner: f.owner,
    candidateGroup: f.candidateGroup,
    candidateGroups: f.candidateGroups,
    withCandidateGroups: f.withCandidateGroups,
    withoutCandidateGroups: f.withoutCandidateGroups,
    withCandidateUsers: f.withCandidateUsers,
    withoutCandidateUsers: f.withoutCandidateUsers,
    delegationState: f.delegationState,
    priority: f.priority,
    minPriority: f.minPriority,
    maxPriority: f.maxPriority,
    dueBefore: date('dueBefore', f.dueBefore),
    dueAfter: date('dueAfter', f.dueAfter),
    withoutDueDate: f.withoutDueDate,
    followUpBefore: date('followUpBefore', f.followUpBefore),
    followUpAfter: date('followUpAfter', f.followUpAfter),
    createdBefore: date('createdBefore', f.createdBefore),
    createdAfter: date('createdAfter', f.createdAfter),
    sort: sorting(f),
  };
  if (f.assigned) q.assigned = true;
  if (f.unassigned || (byCandidate && !f.includeAssignedTasks)) q.assigned = false;
  if (f.candidateUser !== undefined) {
    const groups = (await identity.listGroups({ member: f.candidateUser })).map((g) => g.id);
    q.candidateOf = { userId: f.candidateUser, groups };
  }
  // Camunda's involvedUser: an identity link to the user (assignee, owner, candidate user)
  if (f.involvedUser !== undefined) q.involved = f.involvedUser;
  if (!caller.isAdmin) q.visibleTo = { userId: caller.id, groups: caller.groups };
  return q;
}
