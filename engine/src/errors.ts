/**
 * The one registry of engine error codes. Every error the engine raises on purpose is an
 * LzError with a code from this table; the runtime maps `kind` to an HTTP status
 * (invalid → 400, not-found → 404, conflict → 409, forbidden → 403, failed → 500).
 */
export type ErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'failed';

export const ERRORS = {
  LZ_ERR_XML_FORBIDDEN_DTD: { kind: 'invalid', message: 'XML with a DOCTYPE or entity declaration is not accepted' },
  LZ_ERR_XML_TOO_LARGE: { kind: 'invalid', message: 'The XML document is larger than the allowed size' },
  LZ_ERR_XML_MALFORMED: { kind: 'invalid', message: 'The XML document could not be parsed' },
  LZ_ERR_XML_ENCODING: { kind: 'invalid', message: 'The XML document uses an unsupported encoding' },
  LZ_ERR_DEPLOY_INVALID: { kind: 'invalid', message: 'The model is not valid' },
  LZ_ERR_DEPLOYMENT_NOT_FOUND: { kind: 'not-found', message: 'Deployment not found' },
  LZ_ERR_DEPLOYMENT_IN_USE: { kind: 'conflict', message: 'Instances of the deployment are still running; delete with cascade' },
  LZ_ERR_DEFINITION_IN_USE: { kind: 'conflict', message: 'Instances of the process definition are still running; delete with cascade' },
  LZ_ERR_DEPLOY_EMPTY: { kind: 'invalid', message: 'The deployment contains no resources' },
  LZ_ERR_EXPRESSION_SYNTAX: { kind: 'invalid', message: 'The expression cannot be parsed' },
  LZ_ERR_EXPRESSION_UNSUPPORTED: { kind: 'invalid', message: 'The expression uses a construct outside the supported subset' },
  LZ_ERR_EXPRESSION_EVAL: { kind: 'invalid', message: 'The expression could not be evaluated' },
  LZ_ERR_UNKNOWN_VARIABLE: { kind: 'invalid', message: 'The expression refers to a variable that does not exist' },
  LZ_ERR_CONDITION_NOT_BOOLEAN: { kind: 'invalid', message: 'A condition did not evaluate to a boolean' },
  LZ_ERR_TIMER_INVALID: { kind: 'invalid', message: 'The timer definition cannot be parsed' },
  LZ_ERR_VARIABLE_INVALID: { kind: 'invalid', message: 'The variable value or type is not valid' },
  LZ_ERR_SCRIPT_FAILED: { kind: 'failed', message: 'The script failed' },
  LZ_ERR_SCRIPT_TIMEOUT: { kind: 'failed', message: 'The script ran past its time limit' },
  LZ_ERR_SCRIPT_MEMORY: { kind: 'failed', message: 'The script ran past its memory limit' },
  LZ_ERR_DELEGATE_FAILED: { kind: 'failed', message: 'The task handler failed' },
  LZ_ERR_NO_OUTGOING_FLOW: { kind: 'invalid', message: 'No outgoing sequence flow could be selected' },
  LZ_ERR_NO_START_EVENT: { kind: 'invalid', message: 'The process has no start event that can be started this way' },
  LZ_ERR_DEFINITION_NOT_FOUND: { kind: 'not-found', message: 'Process definition not found' },
  LZ_ERR_DEFINITION_SUSPENDED: { kind: 'conflict', message: 'Process definition is suspended' },
  LZ_ERR_DEFINITION_DEPRECATED: { kind: 'invalid', message: 'The process definition version is deprecated: no new instances start on it' },
  LZ_ERR_INSTANCE_NOT_FOUND: { kind: 'not-found', message: 'Process instance not found' },
  LZ_ERR_EXECUTION_NOT_FOUND: { kind: 'not-found', message: 'Execution not found' },
  LZ_ERR_TASK_NOT_FOUND: { kind: 'not-found', message: 'Task not found' },
  LZ_ERR_TASK_DELEGATED: { kind: 'conflict', message: 'The task is delegated; it must be resolved before it is completed' },
  LZ_ERR_MODIFICATION_INVALID: { kind: 'invalid', message: 'The modification cannot be applied' },
  LZ_ERR_MIGRATION_INVALID: { kind: 'invalid', message: 'The migration plan cannot be applied' },
  LZ_ERR_TASK_CLAIMED: { kind: 'conflict', message: 'The task is already claimed by someone else' },
  LZ_ERR_EXECUTION_NOT_WAITING: { kind: 'invalid', message: 'The execution is not waiting for a trigger' },
  LZ_ERR_JOB_NOT_FOUND: { kind: 'not-found', message: 'Job not found' },
  LZ_ERR_EXTERNAL_TASK_NOT_FOUND: { kind: 'not-found', message: 'External task not found' },
  LZ_ERR_EXTERNAL_TASK_LOCKED: { kind: 'conflict', message: 'External task is locked by another worker' },
  LZ_ERR_MESSAGE_NOT_CORRELATED: { kind: 'invalid', message: 'No process definition or execution matches the message' },
  LZ_ERR_MESSAGE_AMBIGUOUS: { kind: 'invalid', message: 'More than one execution matches the message' },
  LZ_ERR_CALLED_PROCESS_NOT_FOUND: { kind: 'invalid', message: 'The called process could not be found' },
  LZ_ERR_CONFLICT: { kind: 'conflict', message: 'The instance was changed by another command; nothing was changed' },
  LZ_ERR_LOOP_LIMIT: { kind: 'invalid', message: 'The command ran too many steps without reaching a wait state' },
  LZ_ERR_BAD_REQUEST: { kind: 'invalid', message: 'The request is not valid' },
  LZ_ERR_ENTITY_TYPE_INVALID: { kind: 'invalid', message: 'The entity type schema is not valid' },
  LZ_ERR_ENTITY_TYPE_NOT_FOUND: { kind: 'not-found', message: 'Entity type not found' },
  LZ_ERR_ENTITY_TYPE_INCOMPATIBLE: { kind: 'conflict', message: 'The new entity type version would orphan stored records; add a migration' },
  LZ_ERR_ENTITY_NOT_FOUND: { kind: 'not-found', message: 'Record not found' },
  LZ_ERR_ENTITY_INVALID: { kind: 'invalid', message: 'The record is not valid' },
  LZ_ERR_ENTITY_VERSION_CONFLICT: { kind: 'conflict', message: 'The record was changed by someone else; reload it and apply the change again' },
  LZ_ERR_ENTITY_REFERENCE: { kind: 'invalid', message: 'The record points at a record that does not exist' },
  LZ_ERR_ENTITY_FORBIDDEN: { kind: 'forbidden', message: 'Not allowed on this record' },
  LZ_ERR_ENTITY_FILTER_INVALID: { kind: 'invalid', message: 'The filter is not valid' },
  LZ_ERR_IMPORT_INVALID: { kind: 'invalid', message: 'The import cannot be run' },
  LZ_ERR_IMPORT_NOT_FOUND: { kind: 'not-found', message: 'Import not found' },
  LZ_ERR_FORM_NOT_FOUND: { kind: 'not-found', message: 'Form not found' },
  LZ_ERR_FORM_INVALID: { kind: 'invalid', message: 'The form data is not valid' },
  LZ_ERR_ORG_INVALID: { kind: 'invalid', message: 'The organisation data is not valid' },
  LZ_ERR_ORG_NOT_FOUND: { kind: 'not-found', message: 'Not found in the organisation' },
  LZ_ERR_DRAFT_NOT_FOUND: { kind: 'not-found', message: 'Draft not found' },
  LZ_ERR_DRAFT_KEY_TAKEN: { kind: 'conflict', message: 'A draft of this kind and key exists' },
  LZ_ERR_DRAFT_STALE: { kind: 'conflict', message: 'The draft was changed by someone else; reload it and apply the change again' },
  LZ_ERR_DRAFT_INVALID: { kind: 'invalid', message: 'The draft is not valid' },
  LZ_ERR_DB_CONFIG: { kind: 'invalid', message: 'The database configuration is not valid' },
} as const satisfies Record<string, { kind: ErrorKind; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class LzError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, detail?: string, details: Record<string, unknown> = {}) {
    const base = ERRORS[code];
    super(detail ? `${base.message}: ${detail}` : base.message);
    this.name = 'LzError';
    this.code = code;
    this.kind = base.kind;
    this.details = details;
  }
}

export function isLzError(e: unknown, code?: ErrorCode): e is LzError {
  return e instanceof LzError && (code === undefined || e.code === code);
}

/** One problem found while validating a model, tied to the element that has it. */
export interface ModelProblem {
  elementId: string;
  message: string;
  resource?: string;
}

export class ModelInvalidError extends LzError {
  readonly problems: ModelProblem[];
  constructor(problems: ModelProblem[]) {
    const summary = problems.map((p) => `${p.elementId}: ${p.message}`).join('; ');
    super('LZ_ERR_DEPLOY_INVALID', summary, { problems });
    this.problems = problems;
  }
}
