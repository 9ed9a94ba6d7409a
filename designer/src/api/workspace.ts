import type {
  ActRequest,
  ActResponse,
  BatchActRequest,
  BatchActResponse,
  CatalogueResponse,
  CcReadResponse,
  InboxResponse,
  InboxTab,
  RequestActedResponse,
  RequestActionRequest,
  RequestCcRequest,
  TaskActionsResponse,
  TimelineResponse,
} from '../../../runtime/src/api-types/workspace.ts';
import { download, http } from './http.ts';

/** The employee workspace (API contract, section C): catalogue, inbox, task actions, timelines. */

export type {
  ActRequest,
  AddedSigner,
  BatchActResponse,
  CatalogueItem,
  InboxItem,
  InboxTab,
  ReturnableStep,
  TaskAction,
  TaskActionsResponse,
  TimelineAttachment,
  TimelineInstance,
  TimelineItem,
  TimelineResponse,
} from '../../../runtime/src/api-types/workspace.ts';

/** a file for an action (docs/approvals.md): name, type and the bytes as base64 */
export type AttachmentUpload = NonNullable<ActRequest['attachments']>[number];

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
  /** approve several tasks in one call: one result per task, a failure stops none of the others */
  batchApprove: (taskIds: string[], comment?: string) =>
    http.post<BatchActResponse>('/api/tasks/batch-act', { taskIds, action: 'approve', ...(comment ? { comment } : {}) } satisfies BatchActRequest),
  /** the initiator takes the request back (撤回) */
  withdraw: (instanceId: string, body: RequestActionRequest) => http.post<RequestActedResponse>(`/api/requests/${encodeURIComponent(instanceId)}/withdraw`, body),
  /** the initiator reminds whoever holds its open tasks (催办); 429 within the hour */
  urge: (instanceId: string, body: RequestActionRequest) => http.post<RequestActedResponse>(`/api/requests/${encodeURIComponent(instanceId)}/urge`, body),
  /** copy the request to people (抄送) */
  ccRequest: (instanceId: string, body: RequestCcRequest) => http.post<RequestActedResponse>(`/api/requests/${encodeURIComponent(instanceId)}/cc`, body),
  /** an action's attachment, fetched with the token (no plain link can carry it) */
  attachment: (id: string) => download(`/api/attachments/${encodeURIComponent(id)}`),
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
