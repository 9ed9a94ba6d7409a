import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine, HistoricTask, TaskInfo } from '@liuzhuan/engine';
import { principalOf } from '../../../infra/auth.ts';
import { forbidden, notFound } from '../../../infra/errors.ts';
import { canSeeTask, canWorkOnTask } from '../../../services/authorization/authorization.ts';
import type { Principal } from '../../../services/identity/identity.service.ts';

/** the task a /task/{id}… request names, looked up (and its visibility checked) before validation */
export interface TaskRef {
  task: TaskInfo | null;
  /** comments outlive the task: their routes also find a finished task in history */
  historic: HistoricTask | null;
}

const refs = new WeakMap<FastifyRequest, TaskRef>();

/** routes of one task, after the prefix: /task/:id, /task/:id/… */
const ONE_TASK = /\/task\/:id(\/|$)/;
const COMMENTS = /\/task\/:id\/comment(\/|$)/;

function canSeeHistoric(p: Principal, h: HistoricTask): boolean {
  return p.isAdmin || h.assignee === p.id || h.owner === p.id;
}

/**
 * Issue 3: a caller who may not see a task gets 403 on every route of it, whatever the body —
 * so the task is looked up in preValidation, before the body is checked. An unknown id is 404.
 */
export function guardTaskRoutes(app: FastifyInstance, engine: Engine): void {
  app.addHook('preValidation', async (req) => {
    const url = req.routeOptions.url ?? '';
    if (!ONE_TASK.test(url)) return;
    const id = String((req.params as { id?: unknown }).id ?? '');
    const p = principalOf(req);
    const task = id.length <= 255 ? await engine.getTask(id) : null;
    if (task) {
      if (!canSeeTask(p, task)) throw forbidden(`you may not see task ${id}`);
      refs.set(req, { task, historic: null });
      return;
    }
    if (COMMENTS.test(url) && id.length <= 255) {
      const [historic] = await engine.getHistoricTasks({ taskId: id });
      if (historic) {
        if (!canSeeHistoric(p, historic)) throw forbidden(`you may not see task ${id}`);
        refs.set(req, { task: null, historic });
        return;
      }
    }
    throw notFound(`No matching task with id ${id.slice(0, 255)}`);
  });
}

/** the open task of the request (checked visible); 404 when only history knows it */
export function taskOf(req: FastifyRequest): TaskInfo {
  const ref = refs.get(req);
  if (!ref?.task) throw notFound(`No matching task with id ${String((req.params as { id?: unknown }).id ?? '')}`);
  return ref.task;
}

export function taskRefOf(req: FastifyRequest): TaskRef {
  const ref = refs.get(req);
  if (!ref) throw notFound(`No matching task with id ${String((req.params as { id?: unknown }).id ?? '')}`);
  return ref;
}

/** complete, resolve, submit, set variables: the assignee (a candidate claims first) or an admin */
export function requireWorker(req: FastifyRequest, task: TaskInfo, what: string): void {
  const p = principalOf(req);
  if (canWorkOnTask(p, task)) return;
  throw forbidden(
    task.assignee
      ? `only the assignee of task ${task.id} or an admin may ${what}`
      : `task ${task.id} is not assigned: claim it before you ${what}`,
  );
}

/** delegate and set the assignee: the assignee, the owner or an admin */
export function requireHolder(req: FastifyRequest, task: TaskInfo, what: string): void {
  const p = principalOf(req);
  if (p.isAdmin || task.assignee === p.id || task.owner === p.id) return;
  throw forbidden(`only the assignee or owner of task ${task.id}, or an admin, may ${what}`);
}
