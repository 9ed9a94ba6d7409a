import type { EventDefinition, TimerModel } from '../../model/types.ts';
import { expressionLanguage, expressionText, localType } from '../extensions.ts';
import type { ModdleElement } from '../read-bpmn.ts';
import type { CompileContext } from './context.ts';

/**
 * Event definitions of an event: the ones written inside it plus the ones it references
 * by `eventDefinitionRef` (global definitions at the definitions level, BPMN 2.0 §10.5.1).
 */
export function compileEventDefinitions(ctx: CompileContext, el: ModdleElement): EventDefinition[] {
  const own = (el.eventDefinitions as ModdleElement[] | undefined) ?? [];
  const refs = ((el.eventDefinitionRef as ModdleElement[] | undefined) ?? []).filter((r) => r && typeof r === 'object');
  const out: EventDefinition[] = [];
  for (const def of [...own, ...refs]) {
    const compiled = compileEventDefinition(ctx, el, def);
    if (compiled) out.push(compiled);
  }
  return out;
}

export function compileEventDefinition(ctx: CompileContext, el: ModdleElement, def: ModdleElement): EventDefinition | null {
  const elementId = el.id ?? '(event)';
  const id = def.id ?? `${elementId}_${localType(def)}`;
  const unresolved = (def.$unresolved as Record<string, string> | undefined) ?? {};
  switch (def.$type) {
    case 'bpmn:MessageEventDefinition': {
      const message = def.messageRef as ModdleElement | undefined;
      const rawName = message ? ((message.name as string | undefined) ?? message.id ?? '') : (unresolved.messageRef ?? null);
      // no messageRef: the event can only be triggered through the API by execution id
      const messageName = ctx.expr(rawName ?? '', elementId, 'message name');
      if (!messageName) return null;
      const subscription = message ? ctx.ext.zeebeElement(message, 'Subscription') : undefined;
      const correlationKey = ctx.expr(subscription?.correlationKey as string | undefined, elementId, 'correlation key');
      return { kind: 'message', id, messageName, correlationKey };
    }
    case 'bpmn:SignalEventDefinition': {
      const signal = def.signalRef as ModdleElement | undefined;
      const rawName = signal ? ((signal.name as string | undefined) ?? signal.id ?? '') : (unresolved.signalRef ?? null);
      if (rawName === null) {
        ctx.problem(elementId, 'signal event without signalRef');
        return null;
      }
      const signalName = ctx.expr(rawName, elementId, 'signal name');
      return signalName ? { kind: 'signal', id, signalName } : null;
    }
    case 'bpmn:TimerEventDefinition': {
      const timer = compileTimer(ctx, elementId, def);
      return timer ? { kind: 'timer', id, timer } : null;
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = def.errorRef as ModdleElement | undefined;
      // Camunda reads an errorRef that names no <error> as the error code itself
      const code = error ? ((error.errorCode as string | undefined) ?? error.id ?? null) : (unresolved.errorRef ?? null);
      return {
        kind: 'error',
        id,
        errorCode: code === '' ? null : code,
        errorMessage: error ? (ctx.ext.camundaAttr(error, 'errorMessage') ?? null) : null,
        codeVariable: ctx.ext.camundaAttr(def, 'errorCodeVariable') ?? null,
        messageVariable: ctx.ext.camundaAttr(def, 'errorMessageVariable') ?? null,
      };
    }
    case 'bpmn:EscalationEventDefinition': {
      const esc = def.escalationRef as ModdleElement | undefined;
      const code = esc ? ((esc.escalationCode as string | undefined) ?? esc.id ?? null) : (unresolved.escalationRef ?? null);
      return { kind: 'escalation', id, escalationCode: code === '' ? null : code, codeVariable: ctx.ext.camundaAttr(def, 'escalationCodeVariable') ?? null };
    }
    case 'bpmn:ConditionalEventDefinition': {
      const text = expressionText(def.condition);
      const condition = ctx.condition(text, elementId, 'condition', expressionLanguage(def.condition));
      if (!text) ctx.problem(elementId, 'conditional event without a condition');
      if (!condition) return null;
      return { kind: 'conditional', id, condition, variableName: ctx.ext.camundaAttr(def, 'variableName') ?? null };
    }
    case 'bpmn:CompensateEventDefinition': {
      const ref = def.activityRef as ModdleElement | undefined;
      const wait = def.waitForCompletion;
      return { kind: 'compensate', id, activityRef: ref?.id ?? unresolved.activityRef ?? null, waitForCompletion: wait !== false };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate', id };
    case 'bpmn:CancelEventDefinition':
      return { kind: 'cancel', id };
    case 'bpmn:LinkEventDefinition':
      return { kind: 'link', id, name: String(def.name ?? '') };
    default:
      ctx.problem(elementId, `unsupported event definition ${def.$type}`);
      return null;
  }
}

function compileTimer(ctx: CompileContext, elementId: string, def: ModdleElement): TimerModel | null {
  const candidates: [TimerModel['type'], unknown][] = [
    ['date', def.timeDate],
    ['duration', def.timeDuration],
    ['cycle', def.timeCycle],
  ];
  const present = candidates.filter(([, e]) => expressionText(e) !== null);
  if (present.length !== 1) {
    ctx.problem(elementId, present.length === 0 ? 'timer without timeDate, timeDuration or timeCycle' : 'timer with more than one of timeDate, timeDuration, timeCycle');
    return null;
  }
  const [type, expr] = present[0]!;
  const value = ctx.expr(expressionText(expr), elementId, `timer ${type}`, expressionLanguage(expr));
  return value ? { type, value } : null;
}
