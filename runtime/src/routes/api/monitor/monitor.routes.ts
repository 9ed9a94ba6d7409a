import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { DefinitionIdParams, Heatmap, InstanceDetail, InstanceList, InstanceListQuery, InstanceParams } from '../../../api-types/monitor.ts';
import type { MonitorService } from '../../../services/monitor/monitor.service.ts';

const tags = ['monitor'];
const analyst = { auth: 'analyst' as const };

/** /api/monitor: instance list and detail, a definition's heatmap (analysts and admins) */
export async function monitorRoutes(app: FastifyInstance, { monitor }: { monitor: MonitorService }): Promise<void> {
  app.get(
    '/api/monitor/instances',
    { config: analyst, schema: { tags, summary: 'Process instances, running and ended, newest first', querystring: InstanceListQuery, response: { 200: InstanceList } } },
    async (req) => monitor.instances(req.query as Static<typeof InstanceListQuery>),
  );

  app.get(
    '/api/monitor/instances/:id',
    { config: analyst, schema: { tags, summary: 'One instance: its diagram, active activities, path, incidents, variables', params: InstanceParams, response: { 200: InstanceDetail } } },
    async (req) => monitor.instance((req.params as Static<typeof InstanceParams>).id),
  );

  app.get(
    '/api/monitor/definitions/:id/heatmap',
    { config: analyst, schema: { tags, summary: 'Per activity: finished instances, mean and longest duration, active now', params: DefinitionIdParams, response: { 200: Heatmap } } },
    async (req) => monitor.heatmap((req.params as Static<typeof DefinitionIdParams>).id),
  );
}
