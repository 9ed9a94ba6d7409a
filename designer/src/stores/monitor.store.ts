import { defineStore } from 'pinia';
import { ref } from 'vue';
import { monitorApi, type HeatmapActivity, type Incident, type InstanceDetail, type InstanceFilter, type MonitorInstance } from '../api/monitor.ts';
import { processesApi, type MigrationInstruction, type ProcessSummary, type ProcessVersion } from '../api/processes.ts';

const PAGE = 50;

/**
 * The admin side: deployed processes and their versions (publishing), running and finished
 * instances (monitoring). Pages read state from here and call the actions; errors propagate to
 * the page, which shows them with ErrorBanner.
 */
export const useMonitorStore = defineStore('monitor', () => {
  // --- publishing: processes and versions
  const processes = ref<ProcessSummary[]>([]);
  const versionsKey = ref<string | null>(null);
  const versions = ref<ProcessVersion[]>([]);

  async function loadProcesses(): Promise<void> {
    processes.value = (await processesApi.list()).items;
  }

  async function loadVersions(key: string): Promise<void> {
    if (versionsKey.value !== key) versions.value = [];
    versionsKey.value = key;
    versions.value = (await processesApi.versions(key)).items;
  }

  async function setDeprecated(v: ProcessVersion, deprecated: boolean): Promise<void> {
    const r = deprecated ? await processesApi.deprecate(v.id) : await processesApi.undeprecate(v.id);
    const row = versions.value.find((x) => x.id === v.id);
    if (row) row.deprecated = r.deprecated;
  }

  /** moves every running instance of `source` to `target` with the given plan, then re-reads the counts */
  async function migrateAll(source: string, target: string, instructions: MigrationInstruction[]): Promise<number> {
    const ids = await processesApi.runningInstanceIds(source);
    if (ids.length > 0) await processesApi.executeMigration(source, target, instructions, ids);
    if (versionsKey.value) await loadVersions(versionsKey.value);
    return ids.length;
  }

  // --- monitoring: the instance list
  const filter = ref<InstanceFilter>({ key: '', state: '', businessKey: '', startedBy: '', offset: 0, limit: PAGE });
  const instances = ref<MonitorInstance[]>([]);
  const total = ref(0);

  async function loadInstances(): Promise<void> {
    const r = await monitorApi.instances(filter.value);
    instances.value = r.items;
    total.value = r.total;
  }

  // --- monitoring: one instance
  const detail = ref<InstanceDetail | null>(null);

  async function loadInstance(id: string): Promise<void> {
    if (detail.value?.instance.id !== id) detail.value = null;
    detail.value = await monitorApi.instance(id);
  }

  async function retry(incident: Incident): Promise<void> {
    if (incident.jobId) await monitorApi.retryJob(incident.jobId);
    else if (incident.externalTaskId) await monitorApi.retryExternalTask(incident.externalTaskId);
    if (detail.value) await loadInstance(detail.value.instance.id);
  }

  async function setVariable(name: string, value: unknown, type: string): Promise<void> {
    if (!detail.value) return;
    const id = detail.value.instance.id;
    await monitorApi.setVariable(id, name, value, type);
    await loadInstance(id);
  }

  async function cancel(): Promise<void> {
    if (!detail.value) return;
    const id = detail.value.instance.id;
    await monitorApi.cancel(id);
    await loadInstance(id);
  }

  // --- monitoring: heatmap of one version
  const heatmap = ref<HeatmapActivity[]>([]);

  async function loadHeatmap(definitionId: string): Promise<void> {
    heatmap.value = (await monitorApi.heatmap(definitionId)).activities;
  }

  return {
    processes, versionsKey, versions, loadProcesses, loadVersions, setDeprecated, migrateAll,
    filter, instances, total, loadInstances,
    detail, loadInstance, retry, setVariable, cancel,
    heatmap, loadHeatmap,
  };
});
