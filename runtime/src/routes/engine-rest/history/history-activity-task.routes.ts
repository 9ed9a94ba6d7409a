import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HistoricActivity, HistoricActivityQuery, HistoricActivitySortKey, HistoricTask, HistoricTaskQuery, HistoricTaskSortKey } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { formatCamundaDate } from '../common/dates.ts';
import { listParam } from '../common/management-query.ts';
import type { RouteDeps } from '../deps.ts';
import { CountDto, ErrorBody } from '../process-definition/process-definition.schema.ts';
import { date, either, sortOf, viewerOf, type SortParams } from './history-common.ts';
import { ActivityInstanceQuery, HistoricActivityInstanceDto, HistoricTaskInstanceDto, TaskInstanceQuery } from './history.schema.ts';

const tags = ['history'];
type Paging = { firstResult?: number; maxResults?: number };

// ---- activity instances

type ActivityFilters = SortParams &
  Paging & {
    activityInstanceId?: string;
    processInstanceId?: string;
    processDefinitionId?: string;
    executionId?: string;
    activityId?: string;
    activityName?: string;
    activityType?: string;
    taskAssignee?: string;
    finished?: boolean;
    unfinished?: boolean;
    canceled?: boolean;
    completeScope?: boolean;
    startedBefore?: string;
    startedAfter?: string;
    finishedBefore?: string;
    finishedAfter?: string;
  };

const ACTIVITY_SORT: Record<string, HistoricActivitySortKey> = {
  activityInstanceId: 'activityInstanceId',
  instanceId: 'instanceId',
  executionId: 'executionId',
  activityId: 'activityId',
  activityName: 'activityName',
  activityType: 'activityType',
  startTime: 'startTime',
  endTime: 'endTime',
  duration: 'duration',
  definitionId: 'definitionId',
  occurrence: 'occurrence',
};

function activityQuery(req: FastifyRequest, f: ActivityFilters): HistoricActivityQuery {
  return {
    activityInstanceId: f.activityInstanceId,
    processInstanceId: f.processInstanceId,
    processDefinitionId: f.processDefinitionId,
    executionId: f.executionId,
    activityId: f.activityId,
    activityName: f.activityName,
    activityType: f.activityType,
    taskAssignee: f.taskAssignee,
    finished: either('finished', f.finished, f.unfinished, 'unfinished'),
    canceled: f.canceled === true ? true : undefined,
    completeScope: f.completeScope === true ? true : undefined,
    startedBefore: date('startedBefore', f.startedBefore),
    startedAfter: date('startedAfter', f.startedAfter),
    finishedBefore: date('finishedBefore', f.finishedBefore),
    finishedAfter: date('finishedAfter', f.finishedAfter),
    sort: sortOf(f, ACTIVITY_SORT),
    visibleTo: viewerOf(req),
  };
}

function activityDto(a: HistoricActivity) {
  return {
    id: a.id,
    parentActivityInstanceId: a.parentActivityInstanceId,
    activityId: a.activityId,
    activityName: a.activityName,
    activityType: a.activityType,
    processDefinitionKey: a.processDefinitionKey,
    processDefinitionId: a.processDefinitionId,
    processInstanceId: a.processInstanceId,
    executionId: a.executionId,
    taskId: a.taskId,
    calledProcessInstanceId: a.calledProcessInstanceId,
    calledCaseInstanceId: null,
    assignee: a.assignee,
    startTime: formatCamundaDate(a.startTime)!,
    endTime: formatCamundaDate(a.endTime),
    durationInMillis: a.durationInMillis,
    canceled: a.canceled,
    completeScope: a.completeScope,
    tenantId: null,
    removalTime: null,
    rootProcessInstanceId: a.rootProcessInstanceId,
  };
}

// ---- tasks

type TaskFilters = SortParams &
  Paging & {
    taskId?: string;
    processInstanceId?: string;
    processInstanceBusinessKey?: string;
    executionId?: string;
    processDefinitionId?: string;
    processDefinitionKey?: string;
    taskName?: string;
    taskNameLike?: string;
    taskDefinitionKey?: string;
    taskDefinitionKeyIn?: string;
    taskDeleteReason?: string;
    taskAssignee?: string;
    taskAssigneeLike?: string;
    taskOwner?: string;
    taskPriority?: number;
    taskInvolvedUser?: string;
    assigned?: boolean;
    unassigned?: boolean;
    finished?: boolean;
    unfinished?: boolean;
    processFinished?: boolean;
    processUnfinished?: boolean;
    taskDueDateBefore?: string;
    taskDueDateAfter?: string;
    startedBefore?: string;
    startedAfter?: string;
    finishedBefore?: string;
    finishedAfter?: string;
  };

const TASK_SORT: Record<string, HistoricTaskSortKey> = {
  taskId: 'taskId',
  activityInstanceId: 'activityInstanceId',
  processDefinitionId: 'processDefinitionId',
  processInstanceId: 'processInstanceId',
  executionId: 'executionId',
  duration: 'duration',
  endTime: 'endTime',
  startTime: 'startTime',
  taskName: 'taskName',
  taskDescription: 'taskDescription',
  assignee: 'assignee',
  owner: 'owner',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  deleteReason: 'deleteReason',
  taskDefinitionKey: 'taskDefinitionKey',
  priority: 'priority',
};

function taskQuery(req: FastifyRequest, f: TaskFilters): HistoricTaskQuery {
  return {
    taskId: f.taskId,
    processInstanceId: f.processInstanceId,
    processInstanceBusinessKey: f.processInstanceBusinessKey,
    executionId: f.executionId,
    processDefinitionId: f.processDefinitionId,
    processDefinitionKey: f.processDefinitionKey,
    taskName: f.taskName,
    taskNameLike: f.taskNameLike,
    taskDefinitionKey: f.taskDefinitionKey,
    taskDefinitionKeys: listParam(f.taskDefinitionKeyIn),
    deleteReason: f.taskDeleteReason,
    taskAssignee: f.taskAssignee,
    taskAssigneeLike: f.taskAssigneeLike,
    taskOwner: f.taskOwner,
    taskPriority: f.taskPriority,
    involvedUser: f.taskInvolvedUser,
    assigned: either('assigned', f.assigned, f.unassigned, 'unassigned'),
    finished: either('finished', f.finished, f.unfinished, 'unfinished'),
    processFinished: either('processFinished', f.processFinished, f.processUnfinished, 'processUnfinished'),
    dueBefore: date('taskDueDateBefore', f.taskDueDateBefore),
    dueAfter: date('taskDueDateAfter', f.taskDueDateAfter),
    startedBefore: date('startedBefore', f.startedBefore),
    startedAfter: date('startedAfter', f.startedAfter),
    finishedBefore: date('finishedBefore', f.finishedBefore),
    finishedAfter: date('finishedAfter', f.finishedAfter),
    sort: sortOf(f, TASK_SORT),
    visibleTo: viewerOf(req),
  };
}

function taskDto(h: HistoricTask) {
  return {
    id: h.id,
    processDefinitionKey: h.processDefinitionKey,
    processDefinitionId: h.processDefinitionId,
    processInstanceId: h.processInstanceId,
    executionId: h.executionId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    activityInstanceId: h.activityInstanceId,
    name: h.name,
    description: h.description,
    deleteReason: h.deleteReason,
    owner: h.owner,
    assignee: h.assignee,
    startTime: formatCamundaDate(h.startTime)!,
    endTime: formatCamundaDate(h.endTime),
    duration: h.durationInMillis,
    taskDefinitionKey: h.taskDefinitionKey,
    priority: h.priority ?? 50,
    due: formatCamundaDate(h.due),
    parentTaskId: null,
    followUp: formatCamundaDate(h.followUp),
    tenantId: null,
    removalTime: null,
    rootProcessInstanceId: h.rootProcessInstanceId,
  };
}

/** /history/activity-instance and /history/task: queries and counts */
export async function historicActivityAndTaskRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.get(
    '/history/activity-instance',
    { schema: { tags, querystring: ActivityInstanceQuery.list, response: { 200: Type.Array(HistoricActivityInstanceDto), 400: ErrorBody } } },
    async (req) => {
      const f = req.query as ActivityFilters;
      return (await engine.getHistoricActivities({ ...activityQuery(req, f), first: f.firstResult, max: f.maxResults ?? 10_000 })).map(activityDto);
    },
  );
  app.get('/history/activity-instance/count', { schema: { tags, querystring: ActivityInstanceQuery.count, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await engine.countHistoricActivities(activityQuery(req, req.query as ActivityFilters)),
  }));

  app.get('/history/task', { schema: { tags, querystring: TaskInstanceQuery.list, response: { 200: Type.Array(HistoricTaskInstanceDto), 400: ErrorBody } } }, async (req) => {
    const f = req.query as TaskFilters;
    return (await engine.getHistoricTasks({ ...taskQuery(req, f), first: f.firstResult, max: f.maxResults ?? 10_000 })).map(taskDto);
  });
  app.get('/history/task/count', { schema: { tags, querystring: TaskInstanceQuery.count, response: { 200: CountDto, 400: ErrorBody } } }, async (req) => ({
    count: await engine.countHistoricTasks(taskQuery(req, req.query as TaskFilters)),
  }));
}
