import type { BpmnDocument, ModdleElement } from './read-bpmn.ts';

/**
 * Accessors for the vendor extensions on a moddle element. Camunda 7 attributes
 * (`camunda:assignee`) are typed properties when the document was read with the camunda
 * descriptor; Zeebe extension elements live on the zeebe-typed twin of the element.
 */
export class Extensions {
  constructor(private readonly doc: BpmnDocument) {}

  /** a `camunda:` attribute, or undefined when the document is not a camunda one */
  camundaAttr(el: ModdleElement, name: string): string | undefined {
    if (this.doc.flavor !== 'camunda') return undefined;
    const v = el[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : String(v);
  }

  camundaBool(el: ModdleElement, name: string): boolean {
    const v = this.camundaAttr(el, name);
    return v === 'true';
  }

  /** camunda extension elements of a type, e.g. 'In', 'InputOutput', 'FailedJobRetryTimeCycle' */
  camundaElements(el: ModdleElement, type: string): ModdleElement[] {
    if (this.doc.flavor !== 'camunda') return [];
    return extensionValues(el).filter((v) => v.$type === `camunda:${type}`);
  }

  /** zeebe extension elements of a type, e.g. 'TaskDefinition', 'IoMapping' */
  zeebeElements(el: ModdleElement, type: string): ModdleElement[] {
    const twin = this.zeebeTwin(el);
    return twin ? extensionValues(twin).filter((v) => v.$type === `zeebe:${type}`) : [];
  }

  zeebeElement(el: ModdleElement, type: string): ModdleElement | undefined {
    return this.zeebeElements(el, type)[0];
  }

  private zeebeTwin(el: ModdleElement): ModdleElement | undefined {
    if (this.doc.flavor === 'zeebe') return el;
    if (!this.doc.zeebeById) return undefined;
    if (el.id) return this.doc.zeebeById.get(el.id);
    // an element without id (multiInstanceLoopCharacteristics, conditionExpression …): found
    // through its parent's twin, under the same property
    const parent = el.$parent;
    const parentTwin = parent ? this.zeebeTwin(parent) : undefined;
    if (!parent || !parentTwin) return undefined;
    for (const [key, value] of Object.entries(parent)) {
      if (value === el) return parentTwin[key] as ModdleElement | undefined;
      if (Array.isArray(value)) {
        const i = value.indexOf(el);
        if (i >= 0) return (parentTwin[key] as ModdleElement[] | undefined)?.[i];
      }
    }
    return undefined;
  }

  /** `camunda:properties` / `zeebe:properties` as a plain map */
  properties(el: ModdleElement): Record<string, string> {
    const out: Record<string, string> = {};
    for (const props of [...this.camundaElements(el, 'Properties'), ...this.zeebeElements(el, 'Properties')]) {
      for (const p of (props.values as ModdleElement[] | undefined) ?? (props.properties as ModdleElement[] | undefined) ?? []) {
        if (typeof p.name === 'string') out[p.name] = String(p.value ?? '');
      }
    }
    return out;
  }
}

export function extensionValues(el: ModdleElement): ModdleElement[] {
  const ext = el.extensionElements as ModdleElement | undefined;
  return ((ext?.values as ModdleElement[] | undefined) ?? []).filter(Boolean);
}

/** text of a bpmn:FormalExpression / bpmn:Expression child, trimmed; null when absent or blank */
export function expressionText(expr: unknown): string | null {
  if (!expr || typeof expr !== 'object') return null;
  const body = (expr as { body?: unknown }).body;
  if (typeof body !== 'string') return null;
  const t = body.trim();
  return t === '' ? null : t;
}

export function expressionLanguage(expr: unknown): string | null {
  if (!expr || typeof expr !== 'object') return null;
  const lang = (expr as { language?: unknown }).language;
  return typeof lang === 'string' && lang.trim() !== '' ? lang.trim() : null;
}

export function localType(el: ModdleElement): string {
  const t = el.$type;
  const i = t.indexOf(':');
  const local = i >= 0 ? t.slice(i + 1) : t;
  return local.charAt(0).toLowerCase() + local.slice(1);
}
