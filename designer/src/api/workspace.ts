import type {
  ActRequest,
  ActResponse,
  CatalogueResponse,
  CcReadResponse,
  InboxResponse,
  InboxTab,
  TaskActionsResponse,
  TimelineResponse,
} from '../../../runtime/src/api-types/workspace.ts';
import { http } from './http.ts';

/** The employee workspace (API contract, section C): catalogue, inbox, task actions, timelines. */

export type {
  ActRequest,
  CatalogueItem,
  InboxItem,
  InboxTab,
  TaskAction,
  TimelineInstance,
  TimelineItem,
  TimelineResponse,
} from '../../../runtime/src/api-types/workspace.ts';

export const INBOX_TABS: readonly InboxTab[] = ['todo', 'done', 'started', 'cc'];

/** the bits of a Camunda history task the task page needs when the inbox did not say */
export interface HistoricTaskRef {
  id: string;
  name: string | null;
  processInstanceId: string | null;
  endTime: string | null;
}

/** the bits of an open Camunda task the task page needs: does it have a form at all */
export interface OpenTaskRef {
  id: string;
  name: string | null;
  processInstanceId: string | null;
  formKey: string | null;
  camundaFormRef: { key: string } | null;
}

export const workspaceApi = {
  catalogue: () => http.get<CatalogueResponse>('/api/catalogue'),
  inbox: (tab: InboxTab, limit: number, offset: number) => http.get<InboxResponse>('/api/inbox', { tab, limit, offset }),
  markCcRead: (id: string) => http.post<CcReadResponse>(`/api/inbox/cc/${encodeURIComponent(id)}/read`),
  taskActions: (taskId: string) => http.get<TaskActionsResponse>(`/api/tasks/${encodeURIComponent(taskId)}/actions`),
  act: (taskId: string, body: ActRequest) => http.post<ActResponse>(`/api/tasks/${encodeURIComponent(taskId)}/act`, body),
  timeline: (instanceId: string) => http.get<TimelineResponse>(`/api/requests/${encodeURIComponent(instanceId)}/timeline`),
  /** open or done: which request a task belongs to (for a task page opened from a bare link) */
  // (queries, not /task/{id}: a done or unknown task answers an empty list instead of a 404)
  async historicTask(taskId: string): Promise<HistoricTaskRef | null> {
    const rows = await http.get<HistoricTaskRef[]>('/engine-rest/history/task', { taskId, maxResults: 1 });
    return rows[0] ?? null;
  },
  /** the task if it is open and I may see it */
  async openTask(taskId: string): Promise<OpenTaskRef | null> {
    const rows = await http.get<OpenTaskRef[]>('/engine-rest/task', { taskId, maxResults: 1 });
    return rows[0] ?? null;
  },
  /** a process without a start form starts through the Camunda API (the form routes need a form) */
  startWithoutForm: (definitionId: string) => http.post<{ id: string }>(`/engine-rest/process-definition/${encodeURIComponent(definitionId)}/start`, {}),
};
