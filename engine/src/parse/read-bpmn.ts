/// <reference path="../types/bpmn-moddle.d.ts" />
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { LzError } from '../errors.ts';
import { guardXml } from './xml-guard.ts';
import { normalizeAttributeSpacing, normalizeGlobalScripts } from './xml-normalize.ts';

const require = createRequire(import.meta.url);
const camundaDescriptor = require('camunda-bpmn-moddle/resources/camunda.json') as object;
const zeebeDescriptor = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
export const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/** A moddle element, loosely typed: we read it through the accessors in extensions.ts. */
export interface ModdleElement {
  $type: string;
  id?: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  [key: string]: unknown;
}

export interface BpmnDocument {
  definitions: ModdleElement;
  /** zeebe-typed twins of the elements, by id, when the primary read is the camunda one */
  zeebeById: Map<string, ModdleElement> | null;
  /** which descriptor the primary read used */
  flavor: 'camunda' | 'zeebe' | 'plain';
  warnings: string[];
}

interface ParseResult {
  rootElement: ModdleElement;
  elementsById: Record<string, ModdleElement>;
  warnings: { message: string; element?: ModdleElement; property?: string; value?: string }[];
}

/**
 * Reads BPMN XML with bpmn-moddle. The camunda and zeebe descriptors clash when registered
 * on one moddle instance, so each document is read with the one it uses; a document that
 * uses both (exports of some tools) is read twice and the zeebe twin kept by id.
 */
export async function readBpmn(input: string | Uint8Array): Promise<BpmnDocument> {
  const xml = normalizeGlobalScripts(normalizeAttributeSpacing(guardXml(input)));
  const usesCamunda = xml.includes(CAMUNDA_NS);
  const usesZeebe = xml.includes(ZEEBE_NS);
  const flavor = usesCamunda ? 'camunda' : usesZeebe ? 'zeebe' : 'plain';
  const primary = await parseWith(xml, flavor);
  let zeebeById: Map<string, ModdleElement> | null = null;
  if (usesCamunda && usesZeebe) {
    const twin = await parseWith(xml, 'zeebe');
    zeebeById = new Map(Object.entries(twin.elementsById));
  }
  return { definitions: primary.rootElement, zeebeById, flavor, warnings: primary.warnings.map((w) => w.message) };
}

async function parseWith(xml: string, flavor: 'camunda' | 'zeebe' | 'plain'): Promise<ParseResult> {
  const packages = flavor === 'camunda' ? { camunda: camundaDescriptor } : flavor === 'zeebe' ? { zeebe: zeebeDescriptor } : {};
  const moddle = new BpmnModdle(packages as never);
  let result: ParseResult;
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as ParseResult;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0] ?? 'unreadable';
    throw new LzError('LZ_ERR_XML_MALFORMED', message);
  }
  // moddle reports broken markup as warnings and reads on; we do not store half a model
  const broken = result.warnings.find((w) => w.message.startsWith('unparsable content'));
  if (broken) throw new LzError('LZ_ERR_XML_MALFORMED', broken.message.replace(/\s+/g, ' '));
  fixUnresolvedReferences(result);
  return result;
}

/**
 * moddle resolves references by id only. Real files write QNames (`messageRef="tns:newInvoice"`
 * where tns is the target namespace, Camunda's MessageStartEventTest), so a reference that did
 * not resolve is retried without its prefix. What still does not resolve is kept as
 * `$unresolved[property]` for the compiler to judge (Camunda reads an unresolved errorRef as
 * the error code itself).
 */
function fixUnresolvedReferences(result: ParseResult): void {
  for (const w of result.warnings) {
    if (!w.message.startsWith('unresolved reference') || !w.element || !w.property || typeof w.value !== 'string') continue;
    const prop = w.property.includes(':') ? w.property.slice(w.property.indexOf(':') + 1) : w.property;
    const local = w.value.includes(':') ? w.value.slice(w.value.indexOf(':') + 1) : w.value;
    const target = result.elementsById[local];
    const el = w.element as ModdleElement & { $unresolved?: Record<string, string> };
    const current = el[prop];
    if (target) {
      if (Array.isArray(current)) current.push(target);
      else el[prop] = target;
    } else {
      el.$unresolved = { ...(el.$unresolved ?? {}), [prop]: w.value };
    }
  }
}
