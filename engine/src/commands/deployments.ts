import { runCommand } from '../context/run-command.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError } from '../errors.ts';
import { cancelInstance } from '../operations/cancel.ts';
import { replaceStartEvents } from './deploy.ts';

/**
 * Deletes a deployment: its definitions, resources and start events. Running instances of its
 * definitions stop it unless `cascade`, which cancels them and removes their history too (as
 * Camunda's cascade does). A key whose latest version goes gets its previous version's start
 * events back.
 */
export async function deleteDeployment(services: EngineServices, deploymentId: string, opts: { cascade?: boolean } = {}): Promise<void> {
  const db = services.db;
  const [dep] = await db.query<{ id: string }>(`SELECT id FROM deployments WHERE id = $1`, [deploymentId]);
  if (!dep) throw new LzError('LZ_ERR_DEPLOYMENT_NOT_FOUND', deploymentId);
  const defs = await db.query<{ id: string; key: string }>(`SELECT id, key FROM process_definitions WHERE deployment_id = $1`, [deploymentId]);
  await removeDefinitions(services, defs, opts, 'LZ_ERR_DEPLOYMENT_IN_USE', async (q) => {
    await q(`DELETE FROM deployment_resources WHERE deployment_id = $1`, [deploymentId]);
    await q(`DELETE FROM deployments WHERE id = $1`, [deploymentId]);
  });
}

/**
 * Deletes one process definition (Camunda's RepositoryService.deleteProcessDefinition): its
 * start events go, its resource stays in the deployment. Running instances stop it unless
 * `cascade`; the previous version of the key gets its start events back.
 */
export async function deleteDefinition(services: EngineServices, definitionId: string, opts: { cascade?: boolean } = {}): Promise<void> {
  const defs = await services.db.query<{ id: string; key: string }>(`SELECT id, key FROM process_definitions WHERE id = $1`, [definitionId]);
  if (defs.length === 0) throw new LzError('LZ_ERR_DEFINITION_NOT_FOUND', definitionId);
  await removeDefinitions(services, defs, opts, 'LZ_ERR_DEFINITION_IN_USE', async () => {});
}

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

async function removeDefinitions(
  services: EngineServices,
  defs: { id: string; key: string }[],
  opts: { cascade?: boolean },
  inUse: 'LZ_ERR_DEPLOYMENT_IN_USE' | 'LZ_ERR_DEFINITION_IN_USE',
  alsoRemove: (q: Q) => Promise<void>,
): Promise<void> {
  const db = services.db;
  const defIds = defs.map((d) => d.id);
  const running = await db.query<{ id: string }>(`SELECT id FROM process_instances WHERE definition_id = ANY($1::text[]) ORDER BY id`, [defIds]);
  if (running.length > 0 && !opts.cascade) throw new LzError(inUse, `${running.length} instance(s), e.g. ${running[0]!.id}`);
  for (const r of running) {
    await runCommand(services, async (ctx) => {
      const inst = await ctx.tryInstance(r.id);
      if (inst) await cancelInstance(ctx, inst, 'deployment deleted', 'EXTERNALLY_TERMINATED');
    });
  }
  await db.transaction(async (q) => {
    if (opts.cascade) {
      const hist = `(SELECT id FROM hist_process_instances WHERE definition_id = ANY($1::text[]))`;
      for (const t of ['hist_activity_instances', 'hist_tasks', 'hist_variable_updates', 'hist_incidents']) {
        await q(`DELETE FROM ${t} WHERE instance_id IN ${hist}`, [defIds]);
      }
      await q(`DELETE FROM comments WHERE instance_id IN ${hist}`, [defIds]);
      await q(`DELETE FROM hist_process_instances WHERE definition_id = ANY($1::text[])`, [defIds]);
    }
    await q(`DELETE FROM event_subscriptions WHERE instance_id IS NULL AND definition_id = ANY($1::text[])`, [defIds]);
    await q(`DELETE FROM jobs WHERE instance_id IS NULL AND definition_id = ANY($1::text[])`, [defIds]);
    await q(`DELETE FROM process_definitions WHERE id = ANY($1::text[])`, [defIds]);
    await alsoRemove(q);
    for (const key of new Set(defs.map((d) => d.key))) {
      await q(`SELECT pg_notify('lz_definitions', $1)`, [key]);
      const [latest] = await q<{ id: string }>(`SELECT id FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
      const owns = latest ? await q<{ n: number }>(`SELECT count(*)::int AS n FROM event_subscriptions WHERE instance_id IS NULL AND definition_id = $1`, [latest.id]) : [];
      if (latest && (owns[0]?.n ?? 0) === 0) {
        const record = await services.definitions.byId(latest.id);
        await replaceStartEvents(q, record.row, record.model, services.clock.now());
      }
    }
  });
  for (const d of defs) services.definitions.forgetLatest(d.key);
}
