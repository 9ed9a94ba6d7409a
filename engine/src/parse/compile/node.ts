import type { ElementType, NodeModel } from '../../model/types.ts';
import { expressionText } from '../extensions.ts';
import type { ModdleElement } from '../read-bpmn.ts';
import { compileCall, compileIo, compileLoop, compileScript, compileUserTask, compileWork } from './activity.ts';
import type { CompileContext } from './context.ts';
import { compileEventDefinition, compileEventDefinitions } from './events.ts';

export type MutableNode = { -readonly [K in keyof NodeModel]: NodeModel[K] };

const TYPES: Record<string, ElementType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:Transaction': 'transaction',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:ComplexGateway': 'complexGateway',
};

/** flow elements that carry no execution semantics and are skipped */
const PASSIVE = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:SequenceFlow']);

export function elementTypeOf(el: ModdleElement): ElementType | null {
  return TYPES[el.$type] ?? null;
}

export function isPassive(el: ModdleElement): boolean {
  return PASSIVE.has(el.$type);
}

/** Builds the node model of one flow node; references to other nodes are filled in later. */
export function compileNode(ctx: CompileContext, el: ModdleElement, type: ElementType, scopeId: string): MutableNode {
  const id = el.id!;
  const ext = ctx.ext;
  const io = compileIo(ctx, el);
  const node: MutableNode = {
    id,
    type,
    name: typeof el.name === 'string' ? el.name : null,
    scopeId,
    incoming: [],
    outgoing: [],
    defaultFlow: (el.default as ModdleElement | undefined)?.id ?? null,
    boundaryEvents: [],
    asyncBefore: ext.camundaBool(el, 'asyncBefore') || ext.camundaBool(el, 'async'),
    asyncAfter: ext.camundaBool(el, 'asyncAfter'),
    retryCycle: retryCycleOf(ctx, el),
    loop: compileLoop(ctx, el),
    inputs: io.inputs,
    outputs: io.outputs,
    localResults: io.zeebeOutputs,
    events: [],
    parallelMultiple: el.parallelMultiple === true,
    attachedTo: null,
    cancelActivity: el.cancelActivity !== false,
    isInterrupting: el.isInterrupting !== false,
    triggeredByEvent: el.triggeredByEvent === true,
    isForCompensation: el.isForCompensation === true,
    compensationHandler: null,
    startQuantity: quantity(ctx, el, 'startQuantity'),
    completionQuantity: quantity(ctx, el, 'completionQuantity'),
    userTask: null,
    work: null,
    call: null,
    linkTarget: null,
    activationCondition: null,
    adHoc: null,
    instantiate: el.instantiate === true,
    documentation: documentationOf(el),
    properties: ext.properties(el),
  };
  if (type.endsWith('Event')) node.events = compileEventDefinitions(ctx, el);
  if ((type === 'receiveTask' || type === 'sendTask') && (el.messageRef || (el.$unresolved as Record<string, string> | undefined)?.messageRef)) {
    // the message of a receive/send task is read like a message event definition
    const def = compileEventDefinition(ctx, el, { $type: 'bpmn:MessageEventDefinition', id: `${id}_message`, messageRef: el.messageRef, $unresolved: el.$unresolved } as ModdleElement);
    if (def) node.events = [def];
  }
  if (type === 'boundaryEvent') {
    const attached = el.attachedToRef as ModdleElement | undefined;
    node.attachedTo = attached?.id ?? null;
    if (!attached) ctx.problem(id, `boundary event is attached to nothing${unresolvedNote(el, 'attachedToRef')}`);
  }
  switch (type) {
    case 'userTask':
      node.userTask = compileUserTask(ctx, el);
      break;
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      node.work = compileWork(ctx, el);
      if (!node.work && type === 'sendTask' && node.events.length > 0) node.work = { kind: 'publish-message' };
      break;
    case 'intermediateThrowEvent':
    case 'endEvent':
      if (node.events.some((e) => e.kind === 'message')) {
        // Camunda puts camunda:type/topic on the messageEventDefinition, Zeebe its taskDefinition on the event
        const def = ((el.eventDefinitions as ModdleElement[] | undefined) ?? []).find((d) => d.$type === 'bpmn:MessageEventDefinition');
        node.work = (def ? compileWork(ctx, def, id) : null) ?? compileWork(ctx, el) ?? { kind: 'publish-message' };
      }
      break;
    case 'scriptTask':
      node.work = compileScript(ctx, el);
      break;
    case 'callActivity':
      node.call = compileCall(ctx, el, io);
      if (ctx.ext.zeebeElement(el, 'CalledElement')) {
        // the mappings belong to the call (into and out of the child), not to the activity's scope
        node.inputs = [];
        node.outputs = [];
      }
      break;
    case 'complexGateway':
      node.activationCondition = ctx.condition(expressionText(el.activationCondition), id, 'activationCondition');
      break;
    case 'adHocSubProcess': {
      const ordering = el.ordering === 'Sequential' ? 'Sequential' : 'Parallel';
      node.adHoc = {
        ordering,
        completionCondition: ctx.condition(expressionText(el.completionCondition), id, 'completionCondition'),
        cancelRemaining: el.cancelRemainingInstances !== false,
      };
      break;
    }
    default:
      break;
  }
  return node;
}

function quantity(ctx: CompileContext, el: ModdleElement, name: 'startQuantity' | 'completionQuantity'): number {
  const v = el[name];
  if (v === undefined || v === null) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    ctx.problem(el.id, `${name} must be a whole number ≥ 1, not ${String(v)}`);
    return 1;
  }
  return n;
}

function retryCycleOf(ctx: CompileContext, el: ModdleElement): string | null {
  const cycle = ctx.ext.camundaElements(el, 'FailedJobRetryTimeCycle')[0];
  const body = cycle ? String(cycle.body ?? '').trim() : '';
  return body === '' ? null : body;
}

export function documentationOf(el: ModdleElement): string | null {
  const docs = el.documentation as ModdleElement[] | undefined;
  const text = docs?.map((d) => String(d.text ?? '')).join('\n').trim();
  return text ? text : null;
}

export function unresolvedNote(el: ModdleElement, prop: string): string {
  const raw = (el.$unresolved as Record<string, string> | undefined)?.[prop];
  return raw ? ` (dangling reference '${raw}')` : '';
}
