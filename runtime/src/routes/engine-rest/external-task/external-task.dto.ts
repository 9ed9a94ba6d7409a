import type { Engine, ExternalTaskDetail, LockedExternalTask, ProcessModel } from '@liuzhuan/engine';
import { formatCamundaDate } from '../common/dates.ts';
import { toCamundaValue } from '../variables.ts';
import type { ExternalTaskDtoType, LockedExternalTaskDtoType } from './external-task.schema.ts';

/** Camunda's ExternalTaskDto (the execution is the activity instance) */
export function toExternalTaskDto(t: ExternalTaskDetail): ExternalTaskDtoType {
  return {
    activityId: t.activityId,
    activityInstanceId: t.executionId,
    errorMessage: t.errorMessage,
    errorDetails: null,
    executionId: t.executionId,
    id: t.id,
    lockExpirationTime: formatCamundaDate(t.lockExpirationTime),
    createTime: formatCamundaDate(t.createTime)!,
    processDefinitionId: t.processDefinitionId,
    processDefinitionKey: t.processDefinitionKey,
    processDefinitionVersionTag: t.processDefinitionVersionTag,
    processInstanceId: t.processInstanceId,
    retries: t.retries,
    suspended: t.suspended,
    workerId: t.workerId,
    topicName: t.topicName,
    tenantId: null,
    priority: t.priority,
    businessKey: t.businessKey,
  };
}

/**
 * Camunda's LockedExternalTaskDto. The definition's version tag and, when the worker asked
 * for them, the activity's camunda:properties come from the compiled model (cached).
 */
export async function toLockedDtos(engine: Engine, tasks: LockedExternalTask[], extensionTopics: ReadonlySet<string>): Promise<LockedExternalTaskDtoType[]> {
  const models = new Map<string, Promise<ProcessModel | null>>();
  const modelOf = (id: string) => {
    let m = models.get(id);
    if (!m) {
      m = engine.getDefinitionModel(id).catch(() => null);
      models.set(id, m);
    }
    return m;
  };
  const out: LockedExternalTaskDtoType[] = [];
  for (const t of tasks) {
    const model = await modelOf(t.processDefinitionId);
    const variables: LockedExternalTaskDtoType['variables'] = {};
    for (const [name, v] of Object.entries(t.typedVariables)) variables[name] = toCamundaValue(v.type, v.value);
    out.push({
      activityId: t.activityId,
      activityInstanceId: t.executionId,
      errorMessage: t.errorMessage,
      errorDetails: t.errorDetails,
      executionId: t.executionId,
      id: t.id,
      lockExpirationTime: formatCamundaDate(t.lockExpirationTime)!,
      processDefinitionId: t.processDefinitionId,
      processDefinitionKey: t.processDefinitionKey,
      processDefinitionVersionTag: model?.versionTag ?? null,
      processInstanceId: t.processInstanceId,
      retries: t.retries,
      suspended: false,
      workerId: t.workerId,
      topicName: t.topicName,
      tenantId: null,
      variables,
      priority: t.priority,
      businessKey: t.businessKey,
      extensionProperties: extensionTopics.has(t.topicName) ? { ...(model?.nodes.get(t.activityId)?.properties ?? {}) } : {},
    });
  }
  return out;
}
