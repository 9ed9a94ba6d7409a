import type { CompiledExpression } from '../expressions/index.ts';

/**
 * The compiled, plain process model: what the engine executes. Built once per definition
 * version from the moddle tree (parse/compile.ts) and cached. Nothing here refers back to
 * moddle objects; everything is looked up by id.
 */
export interface ProcessModel {
  /** the process id = the definition key */
  readonly id: string;
  readonly name: string | null;
  readonly versionTag: string | null;
  /** the process's bpmn:documentation (what the catalogue shows as its description), null without one */
  readonly documentation: string | null;
  /** the process's camunda:properties / zeebe:properties (lz.withdraw, lz.serialPattern … — docs/approvals.md) */
  readonly properties: Readonly<Record<string, string>>;
  readonly historyTimeToLive: number | null;
  /** who may start it (camunda:candidateStarterUsers / candidateStarterGroups); empty = everyone */
  readonly candidateStarterUsers: readonly string[];
  readonly candidateStarterGroups: readonly string[];
  readonly startableInTasklist: boolean;
  /** the form of the none start event (camunda:formKey / formRef, zeebe:formDefinition) */
  readonly startFormKey: string | null;
  /** the generated start form (camunda:formData on the none start event); empty without one */
  readonly startFormFields: readonly FormFieldModel[];
  /**
   * camunda:initiator of a process-level start event: the variable that receives the id of the
   * user who started the instance (Camunda 7 sets it from the authenticated user; null without one)
   */
  readonly initiatorVariable: string | null;
  /** the process itself is the outermost scope */
  readonly root: ScopeModel;
  readonly scopes: ReadonlyMap<string, ScopeModel>;
  readonly nodes: ReadonlyMap<string, NodeModel>;
  readonly flows: ReadonlyMap<string, FlowModel>;
  /** start events of the process level, by kind */
  readonly noneStart: string | null;
  readonly messageStarts: readonly string[];
  readonly signalStarts: readonly string[];
  readonly timerStarts: readonly string[];
  readonly conditionalStarts: readonly string[];
}

/** one camunda:formField: its id is the variable it sets */
export interface FormFieldModel {
  readonly id: string;
  readonly label: string | null;
  /** string, long, boolean, date, enum or a custom type name */
  readonly type: string;
  /** the camunda:defaultValue as written (may be an expression) */
  readonly defaultValue: string | null;
  readonly datePattern: string | null;
  /** the choices of an enum field */
  readonly values: readonly { readonly id: string; readonly name: string | null }[];
}

export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'receiveTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'manualTask'
  | 'callActivity'
  | 'subProcess'
  | 'transaction'
  | 'adHocSubProcess'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'complexGateway';

export const SCOPE_TYPES: ReadonlySet<ElementType> = new Set(['subProcess', 'transaction', 'adHocSubProcess']);
export const GATEWAY_TYPES: ReadonlySet<ElementType> = new Set([
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'complexGateway',
]);

/** A process, sub-process, event sub-process, transaction or ad-hoc sub-process. */
export interface ScopeModel {
  readonly id: string;
  /** flow nodes directly inside (not in nested scopes), in document order */
  readonly children: readonly string[];
  /** the none start event that starts the scope, if any */
  readonly noneStart: string | null;
  /** without a start event every node without incoming flow starts (BPMN 2.0 §13.5.1 / §10.2.x "implicit start") */
  readonly implicitStarts: readonly string[];
  /** event sub-processes directly inside this scope */
  readonly eventSubprocesses: readonly string[];
  /** nodes with isForCompensation inside this scope */
  readonly compensationHandlers: readonly string[];
}

export interface FlowModel {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly condition: CompiledExpression | null;
  readonly name: string | null;
}

export type EventDefinition =
  | { readonly kind: 'message'; readonly id: string; readonly messageName: CompiledExpression; readonly correlationKey: CompiledExpression | null }
  | { readonly kind: 'signal'; readonly id: string; readonly signalName: CompiledExpression }
  | { readonly kind: 'timer'; readonly id: string; readonly timer: TimerModel }
  | {
      readonly kind: 'error';
      readonly id: string;
      /** null on a catching event = catch every error; on a throwing event = error without code */
      readonly errorCode: string | null;
      readonly errorMessage: string | null;
      readonly codeVariable: string | null;
      readonly messageVariable: string | null;
    }
  | { readonly kind: 'escalation'; readonly id: string; readonly escalationCode: string | null; readonly codeVariable: string | null }
  | { readonly kind: 'conditional'; readonly id: string; readonly condition: CompiledExpression; readonly variableName: string | null }
  | { readonly kind: 'compensate'; readonly id: string; readonly activityRef: string | null; readonly waitForCompletion: boolean }
  | { readonly kind: 'terminate'; readonly id: string }
  | { readonly kind: 'cancel'; readonly id: string }
  | { readonly kind: 'link'; readonly id: string; readonly name: string };

export type EventKind = EventDefinition['kind'];

export interface TimerModel {
  readonly type: 'date' | 'duration' | 'cycle';
  readonly value: CompiledExpression;
}

export interface IoMapping {
  readonly target: string;
  /** the value to map; null when a variable is copied by name */
  readonly source: CompiledExpression | null;
  /** copy this variable; a missing one maps to null (Camunda `camunda:in/out source`) */
  readonly sourceVariable: string | null;
}

export interface MultiInstanceModel {
  readonly kind: 'multi';
  readonly sequential: boolean;
  readonly cardinality: CompiledExpression | null;
  readonly collection: CompiledExpression | null;
  readonly elementVariable: string | null;
  readonly completionCondition: CompiledExpression | null;
  readonly outputCollection: string | null;
  readonly outputElement: CompiledExpression | null;
  /** BPMN 2.0 §13.3.7 MI behaviour: which implicit events the MI activity throws */
  readonly behavior: 'All' | 'None' | 'One' | 'Complex';
  readonly noneBehaviorEvent: EventDefinition | null;
  readonly oneBehaviorEvent: EventDefinition | null;
  readonly complexBehavior: readonly { readonly condition: CompiledExpression; readonly event: EventDefinition | null }[];
}

export interface StandardLoopModel {
  readonly kind: 'loop';
  readonly condition: CompiledExpression | null;
  readonly testBefore: boolean;
  readonly maximum: number | null;
}

export interface UserTaskModel {
  readonly assignee: CompiledExpression | null;
  readonly candidateUsers: CompiledExpression | null;
  readonly candidateGroups: CompiledExpression | null;
  readonly dueDate: CompiledExpression | null;
  readonly followUpDate: CompiledExpression | null;
  readonly priority: CompiledExpression | null;
  readonly formKey: string | null;
  /** camunda:formRef with its binding (latest, deployment, version) and version: a deployed form-js form */
  readonly formRef: { readonly key: string; readonly binding: string; readonly version: number | null } | null;
  /** the generated task form (camunda:formData); empty without one */
  readonly formFields: readonly FormFieldModel[];
}

export type WorkModel =
  /** an external task on a topic: fetch-and-lock, complete, fail, bpmnError */
  | { readonly kind: 'external'; readonly topic: CompiledExpression; readonly priority: CompiledExpression | null; readonly retries: number | null }
  /** `camunda:expression`: evaluate and move on */
  | { readonly kind: 'expression'; readonly expression: CompiledExpression; readonly resultVariable: string | null }
  /** `camunda:class` / `camunda:delegateExpression`: a handler registered with the engine */
  | { readonly kind: 'delegate'; readonly name: string; readonly fields: Readonly<Record<string, unknown>> }
  /** script task */
  | { readonly kind: 'script'; readonly format: string; readonly source: string; readonly resultVariable: string | null; readonly feel?: CompiledExpression | null }
  /** send task / message throw without a topic: publish the message (node.events) inside the engine */
  | { readonly kind: 'publish-message' };

export interface CallModel {
  /** a process key, or a global task in the same file */
  readonly calledElement: CompiledExpression;
  readonly binding: 'latest' | 'deployment' | 'version' | 'versionTag';
  readonly version: CompiledExpression | null;
  readonly inAll: boolean;
  readonly outAll: boolean;
  readonly ins: readonly IoMapping[];
  readonly outs: readonly IoMapping[];
  readonly businessKey: CompiledExpression | null;
  /** a global task this call activity runs in place (BPMN 2.0 §10.2.5 "call a GlobalTask") */
  readonly globalTask: NodeModel | null;
}

export interface NodeModel {
  readonly id: string;
  readonly type: ElementType;
  readonly name: string | null;
  /** the scope the node sits in: process id or (event) sub-process id */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly defaultFlow: string | null;
  readonly boundaryEvents: readonly string[];
  readonly asyncBefore: boolean;
  readonly asyncAfter: boolean;
  readonly retryCycle: string | null;
  readonly loop: MultiInstanceModel | StandardLoopModel | null;
  readonly inputs: readonly IoMapping[];
  readonly outputs: readonly IoMapping[];
  /**
   * Zeebe rule: a task with output mappings keeps the variables it completes with local and
   * lets only the mapped ones out (Camunda 7 lets them all propagate)
   */
  readonly localResults: boolean;
  /** event definitions (events only; empty = none event) */
  readonly events: readonly EventDefinition[];
  readonly parallelMultiple: boolean;
  /** boundary events */
  readonly attachedTo: string | null;
  readonly cancelActivity: boolean;
  /** start events of event sub-processes */
  readonly isInterrupting: boolean;
  /** sub-process with triggeredByEvent */
  readonly triggeredByEvent: boolean;
  readonly isForCompensation: boolean;
  /** the handler a compensation boundary event points at (via association) */
  readonly compensationHandler: string | null;
  readonly startQuantity: number;
  readonly completionQuantity: number;
  readonly userTask: UserTaskModel | null;
  readonly work: WorkModel | null;
  readonly call: CallModel | null;
  /** intermediate link throw: the catch event it jumps to */
  readonly linkTarget: string | null;
  /** complex gateway join rule */
  readonly activationCondition: CompiledExpression | null;
  /** ad-hoc sub-process */
  readonly adHoc: { readonly ordering: 'Parallel' | 'Sequential'; readonly completionCondition: CompiledExpression | null; readonly cancelRemaining: boolean } | null;
  /** receive task with instantiate="true" */
  readonly instantiate: boolean;
  readonly documentation: string | null;
  readonly properties: Readonly<Record<string, string>>;
}

export function isScopeNode(node: NodeModel): boolean {
  return SCOPE_TYPES.has(node.type);
}
