import { http } from './http.ts';

import type { HeatmapDto, InstanceDetailDto, InstanceListQueryDto, InstanceStateDto, InstanceSummaryDto } from '../../../runtime/src/api-types/monitor.ts';

// Shapes of /tmp/prompts/api-contract.md section B, as the runtime declares them
export type InstanceState = InstanceStateDto;
export type MonitorInstance = InstanceSummaryDto;
export type InstanceDetail = InstanceDetailDto;
export type Incident = InstanceDetailDto['incidents'][number];
/** engine variable types: String, Boolean, Integer, Long, Double, Date, Json, Null */
export type InstanceVariable = InstanceDetailDto['variables'][number];
export type HeatmapActivity = HeatmapDto['activities'][number];
/** the list filter as the page edits it: '' means "any" (the http helper leaves empty values out) */
export type InstanceFilter = Omit<InstanceListQueryDto, 'state'> & { state?: InstanceState | '' };

const enc = encodeURIComponent;

export const monitorApi = {
  instances: (f: InstanceFilter) =>
    http.get<{ items: MonitorInstance[]; total: number }>('/api/monitor/instances', { ...f } as Record<string, string | number | undefined>),
  instance: (id: string) => http.get<InstanceDetail>(`/api/monitor/instances/${enc(id)}`),
  heatmap: (definitionId: string) => http.get<{ activities: HeatmapActivity[] }>(`/api/monitor/definitions/${enc(definitionId)}/heatmap`),
  // the actions go through the Camunda 7 REST API (contract B)
  retryJob: (jobId: string) => http.put<void>(`/engine-rest/job/${enc(jobId)}/retries`, { retries: 1 }),
  retryExternalTask: (id: string) => http.put<void>(`/engine-rest/external-task/${enc(id)}/retries`, { retries: 1 }),
  setVariable: (instanceId: string, name: string, value: unknown, type: string) =>
    http.put<void>(`/engine-rest/process-instance/${enc(instanceId)}/variables/${enc(name)}`, { value, type }),
  cancel: (instanceId: string) => http.del<void>(`/engine-rest/process-instance/${enc(instanceId)}`),
};
