import type { FlowModel, ScopeModel } from '../../model/types.ts';
import { expressionLanguage, expressionText } from '../extensions.ts';
import type { ModdleElement } from '../read-bpmn.ts';
import type { CompileContext } from './context.ts';
import { compileNode, elementTypeOf, isPassive, unresolvedNote, type MutableNode } from './node.ts';

type MutableScope = { -readonly [K in keyof ScopeModel]: ScopeModel[K] } & { children: string[]; eventSubprocesses: string[]; compensationHandlers: string[] };

export interface ProcessParts {
  nodes: Map<string, MutableNode>;
  flows: Map<string, FlowModel>;
  scopes: Map<string, MutableScope>;
}

/** sub-processes nested deeper than this are refused (a model is not a stack-overflow vector) */
export const MAX_SCOPE_DEPTH = 64;

/** Walks a process (or sub-process) and everything nested in it. */
export function walkScope(ctx: CompileContext, container: ModdleElement, scopeId: string, parts: ProcessParts, depth = 0): void {
  if (depth > MAX_SCOPE_DEPTH) {
    ctx.problem(scopeId, `sub-processes are nested more than ${MAX_SCOPE_DEPTH} levels deep`);
    return;
  }
  const scope: MutableScope = { id: scopeId, children: [], noneStart: null, implicitStarts: [], eventSubprocesses: [], compensationHandlers: [] };
  parts.scopes.set(scopeId, scope);
  const elements = (container.flowElements as ModdleElement[] | undefined) ?? [];
  for (const a of (container.artifacts as ModdleElement[] | undefined) ?? []) if (a.$type === 'bpmn:Association') ctx.associations.push(a);
  const flowEls: ModdleElement[] = [];
  for (const el of elements) {
    if (el.$type === 'bpmn:SequenceFlow') {
      flowEls.push(el);
      continue;
    }
    if (isPassive(el)) continue;
    const type = elementTypeOf(el);
    if (!type) {
      ctx.problem(el.id, `${el.$type.replace('bpmn:', '')} is not supported in an executable process`);
      continue;
    }
    if (!el.id) {
      ctx.problem(undefined, `a ${type} has no id`);
      continue;
    }
    if (parts.nodes.has(el.id)) {
      ctx.problem(el.id, 'the id is used twice');
      continue;
    }
    const node = compileNode(ctx, el, type, scopeId);
    parts.nodes.set(node.id, node);
    scope.children.push(node.id);
    if (node.isForCompensation) scope.compensationHandlers.push(node.id);
    if (type === 'subProcess' || type === 'transaction' || type === 'adHocSubProcess') {
      if (node.triggeredByEvent) scope.eventSubprocesses.push(node.id);
      walkScope(ctx, el, node.id, parts, depth + 1);
    }
  }
  for (const f of flowEls) {
    const flow = compileFlow(ctx, f);
    if (flow) parts.flows.set(flow.id, flow);
  }
}

function compileFlow(ctx: CompileContext, f: ModdleElement): FlowModel | null {
  const source = (f.sourceRef as ModdleElement | undefined)?.id;
  const target = (f.targetRef as ModdleElement | undefined)?.id;
  const id = ctx.idFor(f, `flow_${source ?? 'x'}_${target ?? 'x'}`);
  if (!source) ctx.problem(id, `sequence flow has no source${unresolvedNote(f, 'sourceRef')}`);
  if (!target) ctx.problem(id, `sequence flow has no target${unresolvedNote(f, 'targetRef')}`);
  if (!source || !target) return null;
  const text = expressionText(f.conditionExpression);
  return {
    id,
    source,
    target,
    condition: text === null ? null : ctx.condition(text, id, 'condition', expressionLanguage(f.conditionExpression)),
    name: typeof f.name === 'string' ? f.name : null,
  };
}

/**
 * Fills in what needs the whole process: incoming/outgoing flows, boundary attachments,
 * start events of each scope, link targets, compensation handlers.
 */
export function linkParts(ctx: CompileContext, parts: ProcessParts): void {
  const { nodes, flows, scopes } = parts;
  for (const flow of flows.values()) {
    const s = nodes.get(flow.source);
    const t = nodes.get(flow.target);
    if (!s) ctx.problem(flow.id, `sequence flow source '${flow.source}' is not a flow node of this process`);
    if (!t) ctx.problem(flow.id, `sequence flow target '${flow.target}' is not a flow node of this process`);
    if (!s || !t) continue;
    if (s.scopeId !== t.scopeId) ctx.problem(flow.id, `sequence flow crosses a sub-process boundary ('${s.id}' → '${t.id}')`);
    (s.outgoing as string[]).push(flow.id);
    (t.incoming as string[]).push(flow.id);
  }
  for (const node of nodes.values()) {
    if (node.defaultFlow && !node.outgoing.includes(node.defaultFlow)) {
      ctx.problem(node.id, `default flow '${node.defaultFlow}' is not an outgoing flow of this element`);
      node.defaultFlow = null;
    }
    if (node.attachedTo) {
      const host = nodes.get(node.attachedTo);
      if (!host) ctx.problem(node.id, `boundary event is attached to '${node.attachedTo}', which is not an activity of this process`);
      else if (host.type.endsWith('Gateway') || host.type.endsWith('Event')) ctx.problem(node.id, `boundary event is attached to '${host.id}', which is not an activity`);
      else (host.boundaryEvents as string[]).push(node.id);
    }
  }
  for (const scope of scopes.values()) {
    const nones = scope.children.filter((id) => {
      const n = nodes.get(id)!;
      return n.type === 'startEvent' && n.events.length === 0;
    });
    if (nones.length > 1) ctx.problem(scope.id, `more than one none start event (${nones.join(', ')})`);
    scope.noneStart = nones[0] ?? null;
    const hasStart = scope.children.some((id) => nodes.get(id)!.type === 'startEvent');
    // BPMN 2.0 §10.5.2: without a start event, every activity/gateway without incoming flow starts
    scope.implicitStarts = hasStart
      ? []
      : scope.children.filter((id) => {
          const n = nodes.get(id)!;
          return n.incoming.length === 0 && n.type !== 'boundaryEvent' && !n.instantiate && !n.triggeredByEvent && !n.isForCompensation && n.type !== 'startEvent' && !(n.type === 'intermediateCatchEvent' && n.events.some((e) => e.kind === 'link'));
        });
  }
  linkLinks(ctx, parts);
  linkCompensation(ctx, parts);
}

/** Link events (BPMN 2.0 §10.5.5): a throw jumps to the catch of the same name in the same scope. */
function linkLinks(ctx: CompileContext, parts: ProcessParts): void {
  for (const node of parts.nodes.values()) {
    const link = node.events.find((e) => e.kind === 'link');
    if (node.type !== 'intermediateThrowEvent' || !link || link.kind !== 'link') continue;
    const target = [...parts.nodes.values()].find(
      (n) => n.type === 'intermediateCatchEvent' && n.scopeId === node.scopeId && n.events.some((e) => e.kind === 'link' && e.name === link.name),
    );
    if (!target) ctx.problem(node.id, `no link catch event named '${link.name}' in the same scope`);
    else node.linkTarget = target.id;
  }
}

/** A compensation boundary event names its handler by an association (BPMN 2.0 §10.5.4 / §10.6). */
function linkCompensation(ctx: CompileContext, parts: ProcessParts): void {
  for (const a of ctx.associations) {
    const source = (a.sourceRef as ModdleElement | undefined)?.id;
    const target = (a.targetRef as ModdleElement | undefined)?.id;
    const s = source ? parts.nodes.get(source) : undefined;
    if (!s || s.type !== 'boundaryEvent' || !s.events.some((e) => e.kind === 'compensate')) continue;
    const t = target ? parts.nodes.get(target) : undefined;
    if (!t) {
      ctx.problem(s.id, `compensation handler '${target ?? '?'}' not found`);
      continue;
    }
    if (!t.isForCompensation) ctx.problem(t.id, 'a compensation handler must be marked isForCompensation="true"');
    s.compensationHandler = t.id;
  }
  for (const n of parts.nodes.values()) {
    if (n.type === 'boundaryEvent' && n.events.some((e) => e.kind === 'compensate') && !n.compensationHandler) {
      ctx.problem(n.id, 'compensation boundary event without an associated handler');
    }
  }
}
