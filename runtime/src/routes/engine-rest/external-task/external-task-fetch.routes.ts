import type { FastifyInstance } from 'fastify';
import type { FetchTopic } from '@liuzhuan/engine';
import { Type } from 'typebox';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { toLockedDtos } from './external-task.dto.ts';
import { FetchBody, LockedExternalTaskDto, type FetchBodyDto } from './external-task.schema.ts';
import { openFetchWaiters } from './fetch-waiters.ts';

const tags = ['external-task'];

/** the request's topics as the engine's; a topic asking for tenants matches nothing (there are none) */
function topicsOf(body: FetchBodyDto): FetchTopic[] {
  return (body.topics ?? [])
    .filter((t) => !t.tenantIdIn || t.tenantIdIn.length === 0)
    .map((t) => ({
      topicName: t.topicName,
      lockDuration: t.lockDuration,
      variables: t.variables ?? null,
      localVariables: t.localVariables === true,
      businessKey: t.businessKey ?? null,
      processDefinitionId: t.processDefinitionId ?? null,
      processDefinitionIdIn: t.processDefinitionIdIn ?? null,
      processDefinitionKey: t.processDefinitionKey ?? null,
      processDefinitionKeyIn: t.processDefinitionKeyIn ?? null,
      processDefinitionVersionTag: t.processDefinitionVersionTag ?? null,
      processVariables: t.processVariables ?? null,
    }));
}

/**
 * POST /external-task/fetchAndLock. Without `asyncResponseTimeout` it answers at once; with it
 * it is a long poll: it answers as soon as it could lock at least one task, else with `[]` when
 * the timeout is over. A poll whose client goes away stops waiting at once, and so does every
 * poll when the server closes.
 */
export async function externalTaskFetchRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  const waiters = openFetchWaiters(engine);
  app.addHook('preClose', async () => waiters.close());

  app.post(
    '/external-task/fetchAndLock',
    {
      config: { auth: 'admin' },
      schema: { tags, body: FetchBody, response: { 200: Type.Array(LockedExternalTaskDto), 400: ErrorBody } },
      // exactly application/json, as Camunda sends it: camunda-external-task-client-js parses
      // nothing else (fastify would add '; charset=utf-8', so it is set after serialising)
      onSend: async (_req, reply, payload) => {
        void reply.header('content-type', 'application/json');
        return payload;
      },
    },
    async (req, reply) => {
      const body = req.body as FetchBodyDto;
      const topics = topicsOf(body);
      const createTimeOrder = body.sorting?.[0]?.sortOrder;
      const fetch = () => engine.fetchAndLock(body.workerId, body.maxTasks, topics, { usePriority: body.usePriority === true, createTimeOrder });
      const deadline = Date.now() + (body.asyncResponseTimeout ?? 0);
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) gone.abort();
      };
      reply.raw.on('close', onClose);
      try {
        let tasks = [] as Awaited<ReturnType<typeof fetch>>;
        for (;;) {
          if (gone.signal.aborted) break;
          const since = waiters.mark();
          tasks = await fetch();
          const left = deadline - Date.now();
          if (tasks.length > 0 || left <= 0 || topics.length === 0 || body.maxTasks === 0 || waiters.isClosed) break;
          await waiters.wait(since, Math.min(left, waiters.repollMs), gone.signal);
        }
        if (gone.signal.aborted && tasks.length > 0) {
          // the worker went away while its tasks were being locked: give them back at once
          for (const t of tasks) await engine.unlockExternalTask(t.id).catch(() => undefined);
          return reply.send([]);
        }
        const extension = new Set((body.topics ?? []).filter((t) => t.includeExtensionProperties).map((t) => t.topicName));
        return reply.send(await toLockedDtos(engine, tasks, extension));
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
}
