import type { Engine, TaskInfo } from '@liuzhuan/engine';

export interface StoredVariable {
  name: string;
  type: string;
  value: unknown;
  scopeId: string;
}

/**
 * A task's variable scopes, nearest first: its own execution (where its local variables live),
 * then each enclosing scope up to the process instance.
 */
export async function scopeChain(engine: Engine, task: TaskInfo): Promise<string[]> {
  const parents = new Map((await engine.getExecutions(task.processInstanceId)).map((e) => [e.id, e.parentId]));
  const chain: string[] = [];
  let id: string | null | undefined = task.executionId;
  while (id && !chain.includes(id)) {
    chain.push(id);
    id = parents.get(id);
  }
  if (!chain.includes(task.processInstanceId)) chain.push(task.processInstanceId);
  return chain;
}

/** the variables a task sees (the nearest scope wins), or only its local ones */
export async function taskVariables(engine: Engine, task: TaskInfo, opts: { local?: boolean } = {}): Promise<Map<string, StoredVariable>> {
  const chain = opts.local ? [task.executionId] : await scopeChain(engine, task);
  const all = await engine.getTypedVariables(task.processInstanceId);
  const out = new Map<string, StoredVariable>();
  for (const scope of chain) {
    for (const v of all) if (v.scopeId === scope && !out.has(v.name)) out.set(v.name, v);
  }
  return out;
}
