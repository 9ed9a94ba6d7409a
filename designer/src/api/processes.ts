import { http } from './http.ts';

import type { MigrationProposalDto, ProcessSummaryDto, ProcessVersionDto } from '../../../runtime/src/api-types/monitor.ts';

// Shapes of /tmp/prompts/api-contract.md section B, as the runtime declares them
export type ProcessSummary = ProcessSummaryDto;
export type ProcessVersion = ProcessVersionDto;
export type MigrationProposal = MigrationProposalDto;
export type MigrationInstruction = MigrationProposalDto['instructions'][number];

/** a running instance as /engine-rest/process-instance lists it (only the id is used) */
interface EngineInstance {
  id: string;
}

const enc = encodeURIComponent;

export const processesApi = {
  list: () => http.get<{ items: ProcessSummary[] }>('/api/processes'),
  versions: (key: string) => http.get<{ items: ProcessVersion[] }>(`/api/processes/${enc(key)}/versions`),
  deprecate: (id: string) => http.post<{ id: string; deprecated: boolean }>(`/api/process-definitions/${enc(id)}/deprecate`),
  undeprecate: (id: string) => http.post<{ id: string; deprecated: boolean }>(`/api/process-definitions/${enc(id)}/undeprecate`),
  /** the deployed BPMN of one version (Camunda 7 REST) */
  xml: (id: string) => http.get<{ id: string; bpmn20Xml: string }>(`/engine-rest/process-definition/${enc(id)}/xml`),
  proposal: (source: string, target: string) => http.get<MigrationProposal>('/api/migration/proposal', { source, target }),
  /** ids of the instances still running on a version (the migration moves all of them) */
  runningInstanceIds: async (definitionId: string): Promise<string[]> => {
    const rows = await http.get<EngineInstance[]>('/engine-rest/process-instance', { processDefinitionId: definitionId, maxResults: 1000 });
    return rows.map((r) => r.id);
  },
  /** Camunda 7 POST /migration/execute: 204, or 400 naming what does not fit (nothing moved) */
  executeMigration: (source: string, target: string, instructions: MigrationInstruction[], processInstanceIds: string[]) =>
    http.post<void>('/engine-rest/migration/execute', {
      migrationPlan: { sourceProcessDefinitionId: source, targetProcessDefinitionId: target, instructions },
      processInstanceIds,
    }),
};
