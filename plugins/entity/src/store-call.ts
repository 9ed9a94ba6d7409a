import { isEntityAccessError, type EntityAccess, type TaskContext } from '@liuzhuan/plugin-sdk';

/**
 * The BPMN error codes the entity tasks throw; an error boundary event with this errorCode
 * catches them. The field problems travel as the variable `entityErrors` ([{ path, message }]).
 */
export const ENTITY_ERROR_CODES = {
  invalid: 'entity-invalid',
  notFound: 'entity-not-found',
  conflict: 'entity-conflict',
} as const;

/**
 * Runs one store call for a task and turns the store's refusals into what the model can act on:
 * - data the type rejects (also a bad filter) → BPMN error `entity-invalid`
 * - no such record → BPMN error `entity-not-found`
 * - a stale `version` → BPMN error `entity-conflict`
 * - no such entity type, or not allowed → an incident at once (the model or the deployment is
 *   wrong; retrying cannot help, deploying the type and retrying the incident does)
 * - anything else (the database away for a moment) → thrown on, so it is retried with backoff
 * A worker outside the runtime has no store: the task then fails at once, not retried.
 */
export async function withEntities<T>(ctx: TaskContext<unknown>, call: (entities: EntityAccess) => Promise<T>): Promise<T> {
  const entities = ctx.services?.entities;
  if (!entities) {
    ctx.fail(`${ctx.task.topicName} needs the entity store of the Liuzhuan runtime; it cannot run in a remote worker`, { retryable: false });
  }
  try {
    return await call(entities);
  } catch (e) {
    if (!isEntityAccessError(e)) throw e;
    const vars = { entityErrors: e.errors };
    switch (e.reason) {
      case 'invalid':
        return ctx.bpmnError(ENTITY_ERROR_CODES.invalid, e.message, vars);
      case 'not-found':
        return ctx.bpmnError(ENTITY_ERROR_CODES.notFound, e.message, vars);
      case 'conflict':
        return ctx.bpmnError(ENTITY_ERROR_CODES.conflict, e.message, vars);
      case 'type-not-found':
      case 'forbidden':
        return ctx.fail(`${ctx.task.topicName}: ${e.message}`, { retryable: false });
    }
  }
}
