import type { Engine, ProcessModel, TaskInfo } from '@liuzhuan/engine';
import { formatCamundaDate } from '../common/dates.ts';
import type { TaskDtoType } from './task.schema.ts';

type FormRef = TaskDtoType['camundaFormRef'];

/** the compiled models of the tasks' definitions, each read once */
async function models(engine: Engine, tasks: readonly TaskInfo[]): Promise<Map<string, ProcessModel | null>> {
  const out = new Map<string, ProcessModel | null>();
  for (const id of new Set(tasks.map((t) => t.processDefinitionId))) {
    out.set(id, await engine.getDefinitionModel(id).catch(() => null));
  }
  return out;
}

/** the camunda:formRef of a task's element, when it names one */
export function formRefOf(model: ProcessModel | null | undefined, taskDefinitionKey: string): FormRef {
  const ref = model?.nodes.get(taskDefinitionKey)?.userTask?.formRef;
  return ref ? { key: ref.key, binding: ref.binding, version: ref.version } : null;
}

/** Camunda's TaskDto for each task (suspension is the instance's) */
export async function toTaskDtos(engine: Engine, tasks: readonly TaskInfo[]): Promise<TaskDtoType[]> {
  if (tasks.length === 0) return [];
  const byDefinition = await models(engine, tasks);
  const instanceIds = [...new Set(tasks.map((t) => t.processInstanceId))];
  const instances = await engine.getProcessInstances({ processInstanceIds: instanceIds, max: instanceIds.length });
  const suspended = new Set(instances.filter((i) => i.suspended).map((i) => i.id));
  return tasks.map((t) => {
    const camundaFormRef = formRefOf(byDefinition.get(t.processDefinitionId), t.taskDefinitionKey);
    return {
      id: t.id,
      name: t.name,
      assignee: t.assignee,
      owner: t.owner,
      created: formatCamundaDate(t.created)!,
      lastUpdated: null,
      due: formatCamundaDate(t.due),
      followUp: formatCamundaDate(t.followUp),
      delegationState: t.delegationState,
      description: t.description,
      executionId: t.executionId,
      parentTaskId: null,
      priority: t.priority,
      processDefinitionId: t.processDefinitionId,
      processInstanceId: t.processInstanceId,
      caseExecutionId: null,
      caseDefinitionId: null,
      caseInstanceId: null,
      taskDefinitionKey: t.taskDefinitionKey,
      suspended: suspended.has(t.processInstanceId),
      // a camunda:formRef task has no form key in Camunda, only the reference
      formKey: camundaFormRef ? null : t.formKey,
      camundaFormRef,
      tenantId: null,
    };
  });
}

export async function toTaskDto(engine: Engine, task: TaskInfo): Promise<TaskDtoType> {
  return (await toTaskDtos(engine, [task]))[0]!;
}
