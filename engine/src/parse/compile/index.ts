import type { ModelProblem } from '../../errors.ts';
import type { ElementType, NodeModel, ProcessModel } from '../../model/types.ts';
import type { BpmnDocument, ModdleElement } from '../read-bpmn.ts';
import { CompileContext, type CompileOptions } from './context.ts';
import { compileNode, documentationOf } from './node.ts';
import { formFields } from './form-fields.ts';
import { linkParts, walkScope, type ProcessParts } from './scope.ts';

export type { CompileOptions } from './context.ts';

export interface CompiledDocument {
  processes: ProcessModel[];
  /** processes in the file that are not executable (not deployed as definitions) */
  skipped: string[];
  problems: ModelProblem[];
}

const GLOBAL_TASKS: Record<string, ElementType> = {
  'bpmn:GlobalTask': 'task',
  'bpmn:GlobalScriptTask': 'scriptTask',
  'bpmn:GlobalUserTask': 'userTask',
  'bpmn:GlobalManualTask': 'manualTask',
  'bpmn:GlobalBusinessRuleTask': 'businessRuleTask',
};

/**
 * Compiles every executable process of a document. Like Camunda 7 for a new deployment, a
 * process is executable only with isExecutable="true"; others are skipped (BpmnParse).
 */
export function compileDocument(doc: BpmnDocument, options: CompileOptions): CompiledDocument {
  const ctx = new CompileContext(doc, options);
  const roots = (doc.definitions.rootElements as ModdleElement[] | undefined) ?? [];
  for (const r of roots) if (GLOBAL_TASKS[r.$type] && r.id) ctx.globalTasks.set(r.id, r);
  const processes: ProcessModel[] = [];
  const skipped: string[] = [];
  for (const el of roots) {
    if (el.$type !== 'bpmn:Process') continue;
    if (el.isExecutable !== true) {
      skipped.push(el.id ?? '(process without id)');
      continue;
    }
    const model = compileProcess(ctx, el);
    if (model) processes.push(model);
  }
  return { processes, skipped, problems: ctx.problems };
}

function compileProcess(ctx: CompileContext, el: ModdleElement): ProcessModel | null {
  if (!el.id) {
    ctx.problem(undefined, 'an executable process has no id');
    return null;
  }
  const parts: ProcessParts = { nodes: new Map(), flows: new Map(), scopes: new Map() };
  walkScope(ctx, el, el.id, parts);
  linkParts(ctx, parts);
  attachGlobalTasks(ctx, parts);
  const root = parts.scopes.get(el.id)!;
  // a receive task with instantiate="true" and no incoming flow starts the process (BPMN 2.0 §10.2.3)
  const starts = root.children.map((id) => parts.nodes.get(id)!).filter((n) => n.type === 'startEvent' || (n.type === 'receiveTask' && n.instantiate && n.incoming.length === 0));
  const startsOf = (kind: string) => starts.filter((n) => n.events.some((e) => e.kind === kind)).map((n) => n.id);
  const ttl = ctx.ext.camundaAttr(el, 'historyTimeToLive');
  const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const startEl = root.noneStart ? ((el.flowElements as ModdleElement[] | undefined) ?? []).find((f) => f.id === root.noneStart) : undefined;
  const startForm = ctx.ext.zeebeElement(startEl ?? el, 'FormDefinition');
  return {
    id: el.id,
    candidateStarterUsers: list(ctx.ext.camundaAttr(el, 'candidateStarterUsers')),
    candidateStarterGroups: list(ctx.ext.camundaAttr(el, 'candidateStarterGroups')),
    startableInTasklist: ctx.ext.camundaAttr(el, 'isStartableInTasklist') !== 'false',
    startFormKey: startEl
      ? (ctx.ext.camundaAttr(startEl, 'formKey') ?? ctx.ext.camundaAttr(startEl, 'formRef') ?? (startForm?.formKey as string | undefined) ?? (startForm?.formId ? `camunda-forms:bpmn:${String(startForm.formId)}` : null))
      : null,
    startFormFields: startEl ? formFields(ctx, startEl) : [],
    initiatorVariable: initiatorOf(ctx, el, starts.map((n) => n.id)),
    name: typeof el.name === 'string' ? el.name : null,
    versionTag: ctx.ext.camundaAttr(el, 'versionTag') ?? (ctx.ext.zeebeElement(el, 'VersionTag')?.value as string | undefined) ?? null,
    documentation: documentationOf(el),
    properties: ctx.ext.properties(el),
    historyTimeToLive: ttl !== undefined && /^\d+$/.test(ttl) ? Number(ttl) : null,
    root,
    scopes: parts.scopes,
    nodes: parts.nodes,
    flows: parts.flows,
    noneStart: root.noneStart,
    messageStarts: startsOf('message'),
    signalStarts: startsOf('signal'),
    timerStarts: startsOf('timer'),
    conditionalStarts: startsOf('conditional'),
  };
}

/** Camunda 7 reads camunda:initiator from the process's start events (the none start first) */
function initiatorOf(ctx: CompileContext, el: ModdleElement, startIds: string[]): string | null {
  const elements = (el.flowElements as ModdleElement[] | undefined) ?? [];
  for (const id of startIds) {
    const start = elements.find((f) => f.id === id);
    const name = start ? ctx.ext.camundaAttr(start, 'initiator')?.trim() : undefined;
    if (name) return name;
  }
  return null;
}

/** BPMN 2.0 §10.2.5: a call activity may call a global task of the same file; it runs in place. */
function attachGlobalTasks(ctx: CompileContext, parts: ProcessParts): void {
  for (const node of parts.nodes.values()) {
    const call = node.call;
    if (!call || !call.calledElement.isLiteral) continue;
    const global = ctx.globalTasks.get(call.calledElement.source.trim());
    if (!global) continue;
    const type = GLOBAL_TASKS[global.$type]!;
    const inner: NodeModel = { ...compileNode(ctx, { ...global, id: node.id }, type, node.scopeId), id: node.id };
    node.call = { ...call, globalTask: inner };
  }
}
