import type { CompiledExpression } from '../../expressions/index.ts';
import type { CallModel, EventDefinition, IoMapping, MultiInstanceModel, StandardLoopModel, UserTaskModel, WorkModel } from '../../model/types.ts';
import { expressionLanguage, expressionText } from '../extensions.ts';
import type { ModdleElement } from '../read-bpmn.ts';
import type { CompileContext } from './context.ts';
import { compileEventDefinition } from './events.ts';
import { formFields } from './form-fields.ts';

export function compileLoop(ctx: CompileContext, el: ModdleElement): MultiInstanceModel | StandardLoopModel | null {
  const lc = el.loopCharacteristics as ModdleElement | undefined;
  if (!lc) return null;
  const id = el.id!;
  if (lc.$type === 'bpmn:StandardLoopCharacteristics') {
    const max = lc.loopMaximum;
    const maximum = max === undefined || max === null ? null : Number(max);
    if (maximum !== null && (!Number.isInteger(maximum) || maximum < 0)) ctx.problem(id, `loopMaximum must be a whole number ≥ 0, not ${String(max)}`);
    return {
      kind: 'loop',
      condition: ctx.condition(expressionText(lc.loopCondition), id, 'loopCondition', expressionLanguage(lc.loopCondition)),
      testBefore: lc.testBefore === true,
      maximum,
    };
  }
  const zeebe = ctx.ext.zeebeElement(lc, 'LoopCharacteristics');
  const cardinalityText = expressionText(lc.loopCardinality);
  const cardinality = ctx.expr(cardinalityText, id, 'loopCardinality', expressionLanguage(lc.loopCardinality));
  if (cardinality?.isLiteral) {
    const n = Number(cardinality.source.trim());
    if (!Number.isInteger(n) || n < 0) ctx.problem(id, `loopCardinality must be a whole number ≥ 0, not '${cardinality.source}'`);
  }
  // the collection: camunda:collection, zeebe inputCollection, or loopDataInputRef (Camunda reads
  // it as a variable name; strict BPMN wants an ItemAwareElement, whose name or id we use)
  const inputRef = lc.loopDataInputRef as ModdleElement | undefined;
  const unresolved = (lc.$unresolved as Record<string, string> | undefined) ?? {};
  const refName = inputRef ? ((inputRef.name as string | undefined) ?? inputRef.id) : unresolved.loopDataInputRef;
  const collectionText = ctx.ext.camundaAttr(lc, 'collection') ?? (zeebe?.inputCollection as string | undefined) ?? (refName ? `\${${refName}}` : null);
  const collection = ctx.expr(collectionText, id, 'multi-instance collection');
  const inputItem = lc.inputDataItem as ModdleElement | undefined;
  const elementVariable =
    ctx.ext.camundaAttr(lc, 'elementVariable') ?? (zeebe?.inputElement as string | undefined) ?? ((inputItem?.name as string | undefined) ?? inputItem?.id ?? null);
  if (!cardinality && !collection) ctx.problem(id, 'multi-instance needs loopCardinality or a collection');
  const behavior = (lc.behavior as MultiInstanceModel['behavior'] | undefined) ?? 'All';
  const complex = ((lc.complexBehaviorDefinition as ModdleElement[] | undefined) ?? []).flatMap((c) => {
    const cond = ctx.condition(expressionText(c.condition), id, 'complexBehaviorDefinition condition', expressionLanguage(c.condition));
    const event = c.event as ModdleElement | undefined;
    const defEl = event ? [...((event.eventDefinitions as ModdleElement[] | undefined) ?? []), ...((event.eventDefinitionRef as ModdleElement[] | undefined) ?? [])][0] : undefined;
    return cond ? [{ condition: cond, event: defEl ? compileEventDefinition(ctx, el, defEl) : null }] : [];
  });
  return {
    kind: 'multi',
    sequential: lc.isSequential === true,
    cardinality,
    collection,
    elementVariable,
    completionCondition: ctx.condition(expressionText(lc.completionCondition), id, 'completionCondition', expressionLanguage(lc.completionCondition)),
    outputCollection: (zeebe?.outputCollection as string | undefined) ?? null,
    outputElement: ctx.expr(zeebe?.outputElement as string | undefined, id, 'outputElement'),
    behavior,
    noneBehaviorEvent: behaviorEvent(ctx, el, lc.noneBehaviorEventRef),
    oneBehaviorEvent: behaviorEvent(ctx, el, lc.oneBehaviorEventRef),
    complexBehavior: complex,
  };
}

/** MI behaviour events reference a global event definition (BPMN 2.0 §10.2.8) */
function behaviorEvent(ctx: CompileContext, el: ModdleElement, ref: unknown): EventDefinition | null {
  return ref && typeof ref === 'object' ? compileEventDefinition(ctx, el, ref as ModdleElement) : null;
}

/** camunda:inputOutput or zeebe:ioMapping */
export function compileIo(ctx: CompileContext, el: ModdleElement): { inputs: IoMapping[]; outputs: IoMapping[]; zeebeOutputs: boolean } {
  const id = el.id!;
  const inputs: IoMapping[] = [];
  const outputs: IoMapping[] = [];
  let zeebeOutputs = false;
  for (const io of ctx.ext.camundaElements(el, 'InputOutput')) {
    for (const p of (io.inputParameters as ModdleElement[] | undefined) ?? []) pushParam(ctx, id, p, inputs);
    for (const p of (io.outputParameters as ModdleElement[] | undefined) ?? []) pushParam(ctx, id, p, outputs);
  }
  for (const io of ctx.ext.zeebeElements(el, 'IoMapping')) {
    for (const p of (io.inputParameters as ModdleElement[] | undefined) ?? []) pushZeebe(ctx, id, p, inputs);
    for (const p of (io.outputParameters as ModdleElement[] | undefined) ?? []) {
      pushZeebe(ctx, id, p, outputs);
      zeebeOutputs = true;
    }
  }
  return { inputs, outputs, zeebeOutputs };
}

function pushParam(ctx: CompileContext, id: string, p: ModdleElement, into: IoMapping[]): void {
  const name = String(p.name ?? '');
  if (!name) return ctx.problem(id, 'input/output parameter without a name');
  const def = p.definition as ModdleElement | undefined;
  if (def) {
    if (def.$type === 'camunda:Script' && String(def.scriptFormat ?? '').toLowerCase() === 'feel') {
      const e = ctx.expr(String(def.value ?? ''), id, `parameter '${name}'`, 'feel');
      if (e) into.push({ target: name, source: e, sourceVariable: null });
      return;
    }
    return ctx.problem(id, `parameter '${name}': ${def.$type} values are not supported; use an expression`);
  }
  const e = ctx.expr(String(p.value ?? ''), id, `parameter '${name}'`);
  if (e) into.push({ target: name, source: e, sourceVariable: null });
}

function pushZeebe(ctx: CompileContext, id: string, p: ModdleElement, into: IoMapping[]): void {
  const target = String(p.target ?? '');
  const source = p.source as string | undefined;
  if (!target || source === undefined) return ctx.problem(id, 'zeebe mapping needs source and target');
  const e = ctx.expr(source, id, `mapping '${target}'`);
  if (e) into.push({ target, source: e, sourceVariable: null });
}

export function compileUserTask(ctx: CompileContext, el: ModdleElement): UserTaskModel {
  const id = el.id!;
  const assignment = ctx.ext.zeebeElement(el, 'AssignmentDefinition');
  const schedule = ctx.ext.zeebeElement(el, 'TaskSchedule');
  const form = ctx.ext.zeebeElement(el, 'FormDefinition');
  const priority = ctx.ext.zeebeElement(el, 'PriorityDefinition');
  const a = (camunda: string, zeebe: unknown): string | undefined => ctx.ext.camundaAttr(el, camunda) ?? (typeof zeebe === 'string' ? zeebe : undefined);
  return {
    assignee: ctx.expr(a('assignee', assignment?.assignee), id, 'assignee'),
    candidateUsers: ctx.expr(a('candidateUsers', assignment?.candidateUsers), id, 'candidateUsers'),
    candidateGroups: ctx.expr(a('candidateGroups', assignment?.candidateGroups), id, 'candidateGroups'),
    dueDate: ctx.expr(a('dueDate', schedule?.dueDate), id, 'dueDate'),
    followUpDate: ctx.expr(a('followUpDate', schedule?.followUpDate), id, 'followUpDate'),
    priority: ctx.expr(a('priority', priority?.priority), id, 'priority'),
    formKey: a('formKey', form?.formKey ?? (form?.formId ? `camunda-forms:bpmn:${String(form.formId)}` : undefined)) ?? ctx.ext.camundaAttr(el, 'formRef') ?? null,
    formRef: formRefOf(ctx, el),
    formFields: formFields(ctx, el),
  };
}

function formRefOf(ctx: CompileContext, el: ModdleElement): UserTaskModel['formRef'] {
  const key = ctx.ext.camundaAttr(el, 'formRef');
  if (!key) return null;
  const version = Number(ctx.ext.camundaAttr(el, 'formRefVersion'));
  return { key, binding: ctx.ext.camundaAttr(el, 'formRefBinding') ?? 'latest', version: Number.isInteger(version) ? version : null };
}

const EXTERNAL_WORK = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask', 'bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']);

/**
 * How a service-like task (service, send, business rule; message throw events) gets its work
 * done. Returns null when the element declares none (the caller decides if that is allowed).
 */
export function compileWork(ctx: CompileContext, el: ModdleElement, elementId?: string): WorkModel | null {
  const id = elementId ?? el.id!;
  const taskDef = ctx.ext.zeebeElement(el, 'TaskDefinition');
  const topic = ctx.ext.camundaAttr(el, 'topic');
  if (ctx.ext.camundaAttr(el, 'type') === 'external' || topic !== undefined || taskDef) {
    const topicExpr = ctx.expr(topic ?? (taskDef?.type as string | undefined) ?? '', id, 'topic');
    if (!topicExpr || topicExpr.source.trim() === '') {
      ctx.problem(id, 'external task without a topic');
      return null;
    }
    const retries = taskDef?.retries !== undefined ? Number(taskDef.retries) : null;
    return { kind: 'external', topic: topicExpr, priority: ctx.expr(ctx.ext.camundaAttr(el, 'taskPriority'), id, 'taskPriority'), retries: Number.isInteger(retries) ? retries : null };
  }
  const expression = ctx.ext.camundaAttr(el, 'expression');
  if (expression !== undefined) {
    const e = ctx.expr(expression, id, 'camunda:expression');
    return e ? { kind: 'expression', expression: e, resultVariable: ctx.ext.camundaAttr(el, 'resultVariable') ?? null } : null;
  }
  const cls = ctx.ext.camundaAttr(el, 'class') ?? ctx.ext.camundaAttr(el, 'delegateExpression');
  if (cls !== undefined) {
    if (!ctx.options.delegates.has(cls)) {
      ctx.problem(id, `handler '${cls}' is not registered with the engine; bind the task to a topic (camunda:type="external" camunda:topic="…") instead`);
      return null;
    }
    return { kind: 'delegate', name: cls, fields: compileFields(ctx, el) };
  }
  if (ctx.ext.camundaAttr(el, 'decisionRef') !== undefined || ctx.ext.zeebeElement(el, 'CalledDecision')) {
    ctx.problem(id, 'DMN decisions are not supported; use an external task topic');
    return null;
  }
  if (ctx.ext.camundaElements(el, 'Connector').length > 0) {
    ctx.problem(id, 'camunda:connector is not supported; use an external task topic');
    return null;
  }
  if (!EXTERNAL_WORK.has(el.$type)) return null;
  return null;
}

function compileFields(ctx: CompileContext, el: ModdleElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ctx.ext.camundaElements(el, 'Field')) {
    const name = String(f.name ?? '');
    out[name] = f.stringValue ?? f.string ?? f.expression ?? null;
  }
  return out;
}

export function compileScript(ctx: CompileContext, el: ModdleElement): WorkModel | null {
  const id = el.id!;
  const zeebeScript = ctx.ext.zeebeElement(el, 'Script');
  if (zeebeScript) {
    const source = String(zeebeScript.expression ?? '').replace(/^\s*=/, '');
    const e = ctx.expr(source, id, 'script', 'feel');
    return e ? { kind: 'script', format: 'feel', source, resultVariable: (zeebeScript.resultVariable as string | undefined) ?? null, feel: e } : null;
  }
  const format = String(el.scriptFormat ?? el.scriptLanguage ?? '').trim().toLowerCase();
  const source = typeof el.script === 'string' ? el.script : '';
  if (ctx.ext.camundaAttr(el, 'resource') !== undefined) {
    ctx.problem(id, 'scripts loaded from a resource are not supported; put the script inline');
    return null;
  }
  const normalised = normaliseFormat(format);
  if (!ctx.options.scriptFormats.has(normalised)) {
    ctx.problem(id, format ? `script format '${format}' is not supported (javascript and feel are)` : 'script task without scriptFormat');
    return null;
  }
  const feel = normalised === 'feel' ? ctx.expr(source, id, 'script', 'feel') : null;
  if (normalised === 'feel' && !feel) return null;
  return { kind: 'script', format: normalised, source, resultVariable: ctx.ext.camundaAttr(el, 'resultVariable') ?? null, feel };
}

export function normaliseFormat(format: string): string {
  if (['javascript', 'js', 'ecmascript', 'application/javascript', 'text/javascript'].includes(format)) return 'javascript';
  if (['feel', 'http://www.omg.org/spec/feel/20140401'].includes(format)) return 'feel';
  return format;
}

export function compileCall(ctx: CompileContext, el: ModdleElement, io: { inputs: IoMapping[]; outputs: IoMapping[] }): CallModel | null {
  const id = el.id!;
  const zeebe = ctx.ext.zeebeElement(el, 'CalledElement');
  const calledText = (el.calledElement as string | undefined) ?? (zeebe?.processId as string | undefined) ?? (zeebe?.processIdExpression as string | undefined);
  if (!calledText) {
    ctx.problem(id, 'call activity without calledElement');
    return null;
  }
  const calledElement = ctx.expr(calledText, id, 'calledElement');
  if (!calledElement) return null;
  const ins: IoMapping[] = [];
  const outs: IoMapping[] = [];
  let inAll = false;
  let outAll = false;
  let businessKey: CompiledExpression | null = null;
  for (const m of ctx.ext.camundaElements(el, 'In')) {
    if (m.businessKey !== undefined) businessKey = ctx.expr(String(m.businessKey), id, 'businessKey');
    else if (m.variables === 'all') inAll = true;
    else pushCamundaMapping(ctx, id, m, ins);
  }
  for (const m of ctx.ext.camundaElements(el, 'Out')) {
    if (m.variables === 'all') outAll = true;
    else pushCamundaMapping(ctx, id, m, outs);
  }
  if (zeebe) {
    // Zeebe defaults: all parent variables go in, all child variables come back out
    inAll = zeebe.propagateAllParentVariables !== false;
    outAll = zeebe.propagateAllChildVariables !== false;
    // zeebe:ioMapping of a call activity maps into and out of the called instance
    ins.push(...io.inputs);
    outs.push(...io.outputs);
  }
  const binding = (ctx.ext.camundaAttr(el, 'calledElementBinding') ?? 'latest') as CallModel['binding'];
  if (!['latest', 'deployment', 'version', 'versionTag'].includes(binding)) ctx.problem(id, `unknown calledElementBinding '${binding}'`);
  const versionText = binding === 'versionTag' ? ctx.ext.camundaAttr(el, 'calledElementVersionTag') : ctx.ext.camundaAttr(el, 'calledElementVersion');
  if (binding === 'version' && !versionText) ctx.problem(id, 'calledElementBinding="version" needs calledElementVersion');
  return {
    calledElement,
    binding,
    version: ctx.expr(versionText, id, 'calledElementVersion'),
    inAll,
    outAll,
    ins,
    outs,
    businessKey,
    globalTask: null,
  };
}

function pushCamundaMapping(ctx: CompileContext, id: string, m: ModdleElement, into: IoMapping[]): void {
  const target = (m.target as string | undefined) ?? (m.source as string | undefined);
  if (!target) return ctx.problem(id, 'camunda:in/out mapping without target');
  if (m.sourceExpression !== undefined) {
    const source = ctx.expr(String(m.sourceExpression), id, `mapping '${target}'`);
    if (source) into.push({ target, source, sourceVariable: null });
    return;
  }
  if (m.source === undefined) return ctx.problem(id, `camunda:in/out mapping to '${target}' without source or sourceExpression`);
  into.push({ target, source: null, sourceVariable: String(m.source) });
}
