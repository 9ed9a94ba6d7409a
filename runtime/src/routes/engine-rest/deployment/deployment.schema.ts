import { Type, type Static } from 'typebox';
import { AtomLink, ProcessDefinitionDto } from '../process-definition/process-definition.schema.ts';

/** Camunda's DeploymentDto */
export const DeploymentDto = Type.Object({
  links: Type.Array(AtomLink),
  id: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  source: Type.Union([Type.String(), Type.Null()]),
  deploymentTime: Type.String(),
  tenantId: Type.Null(),
});

/** Camunda's DeploymentWithDefinitionsDto: the answer to POST /deployment/create */
export const DeploymentWithDefinitionsDto = Type.Object({
  ...DeploymentDto.properties,
  deployedProcessDefinitions: Type.Union([Type.Record(Type.String(), ProcessDefinitionDto), Type.Null()]),
  deployedCaseDefinitions: Type.Null(),
  deployedDecisionDefinitions: Type.Null(),
  deployedDecisionRequirementsDefinitions: Type.Null(),
});

/** Camunda's DeploymentResourceDto */
export const ResourceDto = Type.Object({ id: Type.String(), name: Type.String(), deploymentId: Type.String() });

const date = (what: string) => Type.String({ maxLength: 40, description: `${what}, Camunda's date format (2026-01-05T09:00:00.000+0000)` });

/** GET /deployment and /deployment/count */
export const DeploymentQuery = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 255 })),
    name: Type.Optional(Type.String({ maxLength: 255 })),
    nameLike: Type.Optional(Type.String({ maxLength: 255, description: 'a LIKE pattern, e.g. %leave%' })),
    source: Type.Optional(Type.String({ maxLength: 255 })),
    withoutSource: Type.Optional(Type.Boolean()),
    after: Type.Optional(date('deployed after')),
    before: Type.Optional(date('deployed before')),
    tenantIdIn: Type.Optional(Type.String()),
    withoutTenantId: Type.Optional(Type.Boolean()),
    includeDeploymentsWithoutTenantId: Type.Optional(Type.Boolean()),
    sortBy: Type.Optional(Type.Enum(['id', 'name', 'deploymentTime', 'tenantId'])),
    sortOrder: Type.Optional(Type.Enum(['asc', 'desc'])),
    firstResult: Type.Optional(Type.Integer({ minimum: 0 })),
    maxResults: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type DeploymentQueryDto = Static<typeof DeploymentQuery>;

export const DeploymentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const ResourceParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 255 }), resourceId: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);

export const DeleteDeploymentQuery = Type.Object(
  {
    cascade: Type.Optional(Type.Boolean()),
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * The multipart form of POST /deployment/create, for the API docs: fastify cannot validate
 * multipart parts against a schema, so deployment-form.ts checks them with the same rules.
 */
export const DeploymentForm = Type.Object({
  'deployment-name': Type.Optional(Type.String({ maxLength: 255 })),
  'deployment-source': Type.Optional(Type.String({ maxLength: 255 })),
  'deploy-changed-only': Type.Optional(Type.Boolean({ default: false })),
  'enable-duplicate-filtering': Type.Optional(Type.Boolean({ default: false })),
  'deployment-activation-time': Type.Optional(Type.String()),
  'tenant-id': Type.Optional(Type.String({ description: 'multi-tenancy is not offered; leave it out' })),
  data: Type.Optional(Type.String({ format: 'binary', description: 'any other part is a resource: .bpmn, .form, …; the file name is the resource name' })),
});
