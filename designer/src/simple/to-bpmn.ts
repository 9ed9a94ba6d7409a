/**
 * Simple-mode tree → BPMN 2.0 XML with diagram interchange (API contract D), so the engine
 * deploys it and bpmn-js opens it laid out. The process id is the draft key. Approval steps,
 * the resubmit step and the process options follow docs/approvals.md.
 */
import { approverAssignment } from './approver-bpmn.ts';
import { layoutTree, type GraphEdge, type GraphShape, type LayoutLabels } from './layout.ts';
import { approverProperties, processProperties, RESUBMIT_PROPERTIES, type Property } from './step-properties.ts';
import { parseIdList } from './tree-ops.ts';
import type { SimpleTree } from './types.ts';
import { INITIATOR_VARIABLE } from './variables.ts';

export const CC_TOPIC = 'approval.cc';
export { INITIATOR_VARIABLE };

export interface ToBpmnOptions {
  /** the process id: the draft key */
  key: string;
  /** the process name: the draft name */
  name: string;
  /** localised names of the generated elements (English by default) */
  labels?: Partial<LayoutLabels>;
}

const DEFAULT_LABELS: LayoutLabels = { end: 'End', rejected: 'Rejected', rejectFlow: 'Rejected', result: 'Approved?', resubmit: 'Resubmit' };

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attrs(list: Array<[string, string | null | undefined]>): string {
  return list
    .filter((a): a is [string, string] => a[1] !== null && a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('');
}

function formAttrs(formKey: string | undefined): Array<[string, string | undefined]> {
  const key = formKey?.trim();
  return key ? [['camunda:formRef', key], ['camunda:formRefBinding', 'latest']] : [];
}

/** `<bpmn:extensionElements>` with one `<camunda:properties>`, indented for a flow element (6) or the process (4) */
function propertiesXml(props: Property[], indent: number): string {
  const pad = ' '.repeat(indent);
  const lines = props.map(([name, value]) => `${pad}    <camunda:property name="${attr(name)}" value="${attr(value)}" />\n`).join('');
  return `${pad}<bpmn:extensionElements>\n${pad}  <camunda:properties>\n${lines}${pad}  </camunda:properties>\n${pad}</bpmn:extensionElements>\n`;
}

/** the element's own XML, `flowRefs` being its incoming/outgoing lines */
function element(s: GraphShape, flowRefs: string): string {
  const base: Array<[string, string | undefined]> = [['id', s.id], ['name', s.name]];
  const node = s.node;
  switch (s.kind) {
    case 'startEvent': {
      const form = node?.type === 'start' ? formAttrs(node.formKey) : [];
      return `    <bpmn:startEvent${attrs([...base, ['camunda:initiator', INITIATOR_VARIABLE], ...form])}>\n${flowRefs}    </bpmn:startEvent>\n`;
    }
    case 'endEvent':
      return `    <bpmn:endEvent${attrs(base)}>\n${flowRefs}    </bpmn:endEvent>\n`;
    case 'exclusiveGateway':
      return `    <bpmn:exclusiveGateway${attrs([...base, ['default', s.defaultFlow]])}>\n${flowRefs}    </bpmn:exclusiveGateway>\n`;
    case 'serviceTask': {
      const users = node?.type === 'cc' ? node.users.flatMap(parseIdList).join(',') : '';
      const ext =
        '      <bpmn:extensionElements>\n        <camunda:inputOutput>\n' +
        `          <camunda:inputParameter name="ccUsers">${text(users)}</camunda:inputParameter>\n` +
        '        </camunda:inputOutput>\n      </bpmn:extensionElements>\n';
      return `    <bpmn:serviceTask${attrs([...base, ['camunda:type', 'external'], ['camunda:topic', CC_TOPIC]])}>\n${ext}${flowRefs}    </bpmn:serviceTask>\n`;
    }
    case 'userTask': {
      // the initiator's resubmit step: the initiator edits the start form again
      if (node?.type === 'start') {
        const assignee: Array<[string, string]> = [['camunda:assignee', `\${${INITIATOR_VARIABLE}}`]];
        return `    <bpmn:userTask${attrs([...base, ...assignee, ...formAttrs(node.formKey)])}>\n${propertiesXml(RESUBMIT_PROPERTIES, 6)}${flowRefs}    </bpmn:userTask>\n`;
      }
      if (node?.type !== 'approver') throw new Error(`user task ${s.id} without its approver node`);
      const a = approverAssignment(node);
      const camunda = Object.entries(a.attrs).map(([k, v]): [string, string] => [`camunda:${k}`, v]);
      const loop =
        `      <bpmn:multiInstanceLoopCharacteristics${attrs([
          ['isSequential', a.loop.isSequential ? 'true' : undefined],
          ['camunda:collection', a.loop.collection],
          ['camunda:elementVariable', a.loop.elementVariable],
        ])}>\n        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${text(a.loop.completionCondition)}</bpmn:completionCondition>\n      </bpmn:multiInstanceLoopCharacteristics>\n`;
      return `    <bpmn:userTask${attrs([...base, ...camunda, ...formAttrs(node.formKey)])}>\n${propertiesXml(approverProperties(node), 6)}${flowRefs}${loop}    </bpmn:userTask>\n`;
    }
  }
}

function flow(e: GraphEdge): string {
  const head = `    <bpmn:sequenceFlow${attrs([['id', e.id], ['name', e.name], ['sourceRef', e.source], ['targetRef', e.target]])}`;
  if (e.condition === null) return `${head} />\n`;
  return `${head}>\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${text(e.condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n`;
}

function shapeDi(s: GraphShape): string {
  const gateway = s.kind === 'exclusiveGateway';
  const marker = gateway ? ' isMarkerVisible="true"' : '';
  // a gateway's name goes up left of it: below runs the flow on, right the rejected end, the branches leave sideways
  const label = gateway && s.name ? `        <bpmndi:BPMNLabel>\n          <dc:Bounds x="${s.x - 84}" y="${s.y - 6}" width="80" height="14" />\n        </bpmndi:BPMNLabel>\n` : '';
  return (
    `      <bpmndi:BPMNShape id="${attr(s.id)}_di" bpmnElement="${attr(s.id)}"${marker}>\n` +
    `        <dc:Bounds x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" />\n${label}      </bpmndi:BPMNShape>\n`
  );
}

function edgeDi(e: GraphEdge): string {
  const wps = e.waypoints.map((p) => `        <di:waypoint x="${p.x}" y="${p.y}" />\n`).join('');
  // roughly the width bpmn-js needs at its 11px label font (CJK characters are the wide ones)
  const width = Math.min(160, Math.max(24, [...e.name].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 12 : 7), 0)));
  const label = e.label ? `        <bpmndi:BPMNLabel>\n          <dc:Bounds x="${e.label.x}" y="${e.label.y}" width="${width}" height="14" />\n        </bpmndi:BPMNLabel>\n` : '';
  return `      <bpmndi:BPMNEdge id="${attr(e.id)}_di" bpmnElement="${attr(e.id)}">\n${wps}${label}      </bpmndi:BPMNEdge>\n`;
}

export function toBpmn(tree: SimpleTree, opts: ToBpmnOptions): string {
  const graph = layoutTree(tree, { ...DEFAULT_LABELS, ...opts.labels });
  const refs = new Map<string, string>();
  const add = (id: string, line: string) => refs.set(id, (refs.get(id) ?? '') + line);
  for (const e of graph.edges) add(e.target, `      <bpmn:incoming>${e.id}</bpmn:incoming>\n`);
  for (const e of graph.edges) add(e.source, `      <bpmn:outgoing>${e.id}</bpmn:outgoing>\n`);
  const body = graph.shapes.map((s) => element(s, refs.get(s.id) ?? '')).join('') + graph.edges.map(flow).join('');
  const di = graph.shapes.map(shapeDi).join('') + graph.edges.map(edgeDi).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' +
    ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"' +
    ' xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"' +
    ` id="Definitions_${attr(opts.key.replace(/[^A-Za-z0-9_.-]/g, '_'))}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Liuzhuan simple mode" exporterVersion="1">\n` +
    `  <bpmn:process${attrs([['id', opts.key], ['name', opts.name]])} isExecutable="true">\n${propertiesXml(processProperties(tree.settings), 4)}${body}  </bpmn:process>\n` +
    `  <bpmndi:BPMNDiagram id="BPMNDiagram_1">\n    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${attr(opts.key)}">\n${di}    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n` +
    '</bpmn:definitions>\n'
  );
}
