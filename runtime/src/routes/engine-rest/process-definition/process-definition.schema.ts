import { Type, type Static, type TSchema } from 'typebox';
import { orNull } from '../common/nullable.ts';
import { Variables } from '../variables.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Camunda's AtomLink: `{ method, href, rel }` */
export const AtomLink = Type.Object({ method: Type.String(), href: Type.String(), rel: Type.String() });

/** Camunda's error body (plus our error code and, for parse errors, the problems per resource) */
export const ErrorBody = Type.Object({
  type: Type.String(),
  message: Type.String(),
  code: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** Camunda's ProcessDefinitionDto, field for field */
export const ProcessDefinitionDto = Type.Object({
  id: Type.String(),
  key: Type.String(),
  category: Nullable(Type.String()),
  description: Nullable(Type.String()),
  name: Nullable(Type.String()),
  version: Type.Integer(),
  resource: Type.String(),
  deploymentId: Type.String(),
  diagram: Nullable(Type.String()),
  suspended: Type.Boolean(),
  tenantId: Type.Null(),
  versionTag: Nullable(Type.String()),
  historyTimeToLive: Nullable(Type.Integer()),
  startableInTasklist: Type.Boolean(),
});
export type ProcessDefinitionDtoType = Static<typeof ProcessDefinitionDto>;

const like = (what: string) => Type.String({ maxLength: 255, description: `${what}: a LIKE pattern, e.g. %leave%` });

/** GET /process-definition and /process-definition/count (Camunda's names) */
export const DefinitionQuery = Type.Object(
  {
    processDefinitionId: Type.Optional(Type.String({ maxLength: 255 })),
    processDefinitionIdIn: Type.Optional(Type.String({ description: 'comma-separated ids' })),
    key: Type.Optional(Type.String({ maxLength: 255 })),
    keysIn: Type.Optional(Type.String({ description: 'comma-separated keys' })),
    keyLike: Type.Optional(like('key')),
    name: Type.Optional(Type.String({ maxLength: 255 })),
    nameLike: Type.Optional(like('name')),
    deploymentId: Type.Optional(Type.String({ maxLength: 255 })),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    latestVersion: Type.Optional(Type.Boolean()),
    resourceName: Type.Optional(Type.String({ maxLength: 255 })),
    resourceNameLike: Type.Optional(like('resource name')),
    versionTag: Type.Optional(Type.String({ maxLength: 255 })),
    versionTagLike: Type.Optional(like('version tag')),
    withoutVersionTag: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
    suspended: Type.Optional(Type.Boolean()),
    startableBy: Type.Optional(Type.String({ maxLength: 255 })),
    startableInTasklist: Type.Optional(Type.Boolean()),
    notStartableInTasklist: Type.Optional(Type.Boolean()),
    tenantIdIn: Type.Optional(Type.String()),
    withoutTenantId: Type.Optional(Type.Boolean()),
    includeProcessDefinitionsWithoutTenantId: Type.Optional(Type.Boolean()),
    sortBy: Type.Optional(Type.Enum(['id', 'key', 'name', 'version', 'deploymentId', 'deployTime', 'versionTag', 'category', 'tenantId'])),
    sortOrder: Type.Optional(Type.Enum(['asc', 'desc'])),
    firstResult: Type.Optional(Type.Integer({ minimum: 0 })),
    maxResults: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type DefinitionQueryDto = Static<typeof DefinitionQuery>;

export const ById = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });
export const ByKey = Type.Object({ key: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false });

export const DeleteQuery = Type.Object(
  {
    cascade: Type.Optional(Type.Boolean()),
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CountDto = Type.Object({ count: Type.Integer() });
export const XmlDto = Type.Object({ id: Type.String(), bpmn20Xml: Type.String() });

/** POST …/start — Camunda's StartProcessInstanceDto (start instructions are not offered) */
export const StartBody = Type.Object(
  {
    variables: Type.Optional(orNull(Variables)),
    businessKey: Type.Optional(orNull(Type.String({ maxLength: 255 }))),
    caseInstanceId: Type.Optional(Type.Null({ description: 'CMMN is not offered; only null' })),
    withVariablesInReturn: Type.Optional(Type.Boolean()),
    startInstructions: Type.Optional(orNull(Type.Array(Type.Unknown()))),
    skipCustomListeners: Type.Optional(Type.Boolean()),
    skipIoMappings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StartBodyDto = Static<typeof StartBody>;

/** POST …/submit-form */
export const SubmitFormBody = Type.Object(
  {
    variables: Type.Optional(orNull(Variables)),
    businessKey: Type.Optional(orNull(Type.String({ maxLength: 255 }))),
  },
  { additionalProperties: false },
);

const TypedValue = Type.Object({ value: Type.Unknown(), type: Type.String(), valueInfo: Type.Record(Type.String(), Type.Unknown()) });
export const VariablesOut = Type.Record(Type.String(), TypedValue);

/** Camunda's ProcessInstanceDto / ProcessInstanceWithVariablesDto */
export const ProcessInstanceDto = Type.Object({
  links: Type.Array(AtomLink),
  id: Type.String(),
  definitionId: Type.String(),
  businessKey: Nullable(Type.String()),
  caseInstanceId: Type.Null(),
  ended: Type.Boolean(),
  suspended: Type.Boolean(),
  tenantId: Type.Null(),
  variables: Type.Optional(VariablesOut),
});

export const FormVariablesQuery = Type.Object(
  {
    variableNames: Type.Optional(Type.String({ description: 'comma-separated names' })),
    deserializeValues: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Camunda's FormDto */
export const FormDto = Type.Object({ key: Nullable(Type.String()), contextPath: Type.Null() });
