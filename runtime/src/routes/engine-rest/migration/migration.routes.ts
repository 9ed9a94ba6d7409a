import type { FastifyInstance } from 'fastify';
import { isLzError, type MigrationPlan } from '@liuzhuan/engine';
import { Type } from 'typebox';
import { principalOf } from '../../../infra/auth.ts';
import { badRequest, HttpError } from '../../../infra/errors.ts';
import type { RouteDeps } from '../deps.ts';
import { ErrorBody } from '../process-definition/process-definition.schema.ts';
import { toInstanceQuery } from '../process-instance/process-instance-query.ts';
import { fromCamunda } from '../variables.ts';
import {
  ExecuteBody,
  GenerateBody,
  MigrationPlanBody,
  MigrationPlanDto,
  MigrationPlanReportDto,
  type ExecuteBodyDto,
  type GenerateBodyDto,
  type MigrationPlanBodyDto,
} from './migration.schema.ts';

const tags = ['migration'];
const admin = { auth: 'admin' as const };
const MAX_INSTANCES = 1000;

/** the definitions of a plan are body fields: an unknown one is a bad request, not a missing resource */
async function planCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isLzError(e, 'LZ_ERR_DEFINITION_NOT_FOUND')) throw badRequest(e.message);
    throw e;
  }
}

const toPlan = (b: MigrationPlanBodyDto): MigrationPlan => ({
  sourceProcessDefinitionId: b.sourceProcessDefinitionId,
  targetProcessDefinitionId: b.targetProcessDefinitionId,
  instructions: b.instructions.map((i) => ({ sourceActivityIds: i.sourceActivityIds, targetActivityIds: i.targetActivityIds, updateEventTrigger: i.updateEventTrigger ?? false })),
});

const instructionDto = (i: MigrationPlan['instructions'][number]) => ({
  sourceActivityIds: i.sourceActivityIds,
  targetActivityIds: i.targetActivityIds,
  updateEventTrigger: i.updateEventTrigger ?? false,
});

/**
 * /engine-rest/migration (Camunda 7 REST): generate a plan, validate it, execute it. All for
 * admins. An invalid plan or an instance the plan does not fit is a 400 naming every problem,
 * and no instance moves.
 */
export async function migrationRoutes(app: FastifyInstance, { engine }: RouteDeps): Promise<void> {
  app.post(
    '/migration/generate',
    { config: admin, schema: { tags, body: GenerateBody, response: { 200: MigrationPlanDto, 400: ErrorBody } } },
    async (req) => {
      const b = req.body as GenerateBodyDto;
      const variables = b.variables ? toCamundaVariables(b.variables) : null;
      const plan = await planCall(() => engine.generateMigrationPlan(b.sourceProcessDefinitionId, b.targetProcessDefinitionId, { updateEventTriggers: b.updateEventTriggers }));
      return { ...plan, instructions: plan.instructions.map(instructionDto), variables };
    },
  );

  app.post(
    '/migration/validate',
    { config: admin, schema: { tags, body: MigrationPlanBody, response: { 200: MigrationPlanReportDto, 400: ErrorBody } } },
    async (req) => {
      const b = req.body as MigrationPlanBodyDto;
      fromCamunda(b.variables);
      const report = await planCall(() => engine.reportMigrationPlan(toPlan(b)));
      return {
        instructionReports: report.instructionReports.filter((r) => r.failures.length > 0).map((r) => ({ instruction: instructionDto(r.instruction), failures: r.failures })),
        variableReports: {},
      };
    },
  );

  app.post(
    '/migration/execute',
    { config: admin, schema: { tags, body: ExecuteBody, response: { 204: Type.Null(), 400: ErrorBody } } },
    async (req, reply) => {
      const b = req.body as ExecuteBodyDto;
      const variables = fromCamunda(b.migrationPlan.variables);
      const plan = toPlan(b.migrationPlan);
      const ids = new Set(b.processInstanceIds ?? []);
      if (b.processInstanceQuery) {
        const found = await engine.getProcessInstances({ ...toInstanceQuery(b.processInstanceQuery, principalOf(req)), max: MAX_INSTANCES + 1 });
        for (const i of found) ids.add(i.id);
      }
      if (ids.size === 0) throw badRequest('process instance ids is empty: give processInstanceIds or a processInstanceQuery that finds instances');
      if (ids.size > MAX_INSTANCES) throw badRequest(`at most ${MAX_INSTANCES} process instances per call`);
      const report = await planCall(() => engine.reportMigrationPlan(plan));
      const failures = report.instructionReports.flatMap((r) => r.failures.map((f) => `${r.instruction.sourceActivityIds.join(',')} → ${r.instruction.targetActivityIds.join(',')}: ${f}`));
      if (failures.length > 0) throw new HttpError(400, 'MigrationPlanValidationException', `Migration plan is not valid: ${failures.join('; ')}`);
      const existing = new Set((await engine.getProcessInstances({ processInstanceIds: [...ids], max: MAX_INSTANCES })).map((i) => i.id));
      const missing = [...ids].filter((id) => !existing.has(id));
      if (missing.length > 0) throw badRequest(`process instance(s) ${missing.slice(0, 10).join(', ')} do not exist`);
      try {
        // skipCustomListeners / skipIoMappings are accepted; a migration runs neither here
        await engine.migrateProcessInstances(plan, [...ids], { variables });
      } catch (e) {
        if (isLzError(e, 'LZ_ERR_MIGRATION_INVALID')) throw new HttpError(400, 'MigratingProcessInstanceValidationException', e.message);
        throw e;
      }
      return reply.status(204).send();
    },
  );
}

/** a plan's variables as Camunda echoes them: checked, then as given (a type filled in when missing) */
function toCamundaVariables(vars: NonNullable<GenerateBodyDto['variables']>) {
  fromCamunda(vars);
  const out: Record<string, { value: unknown; type: string; valueInfo: Record<string, unknown> }> = {};
  for (const [name, v] of Object.entries(vars)) out[name] = { value: v.value ?? null, type: v.type ?? inferType(v.value), valueInfo: v.valueInfo ?? {} };
  return out;
}

function inferType(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Double';
  return 'Json';
}
