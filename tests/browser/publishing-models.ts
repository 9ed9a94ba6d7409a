/**
 * The BPMN drafts preview-and-publishing.test.ts and publishing-versions.test.ts seed through
 * POST /api/drafts, as a file saved by a modeler would look: every node lists its incoming and
 * outgoing flows (bpmnlint reads those) and the diagram interchange is there (the modeler's lint
 * refuses a model without BPMNDI), so they show on the canvas and pass the lint.
 */

interface Node {
  tag: 'startEvent' | 'endEvent' | 'userTask' | 'exclusiveGateway';
  id: string;
  /** extra attributes, as written */
  attrs: string;
  bounds: [x: number, y: number, w: number, h: number];
}
interface Flow {
  id: string;
  from: string;
  to: string;
  /** a JUEL condition (escaped for XML here) */
  condition?: string;
  name?: string;
  points: [number, number][];
}

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  targetNamespace="http://liuzhuan.test/browser"`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function bpmn(key: string, name: string, nodes: Node[], flows: Flow[]): string {
  const node = (n: Node) => {
    const refs = [...flows.filter((f) => f.to === n.id).map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`), ...flows.filter((f) => f.from === n.id).map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`)];
    return `    <bpmn:${n.tag} id="${n.id}" ${n.attrs}>${refs.join('')}</bpmn:${n.tag}>`;
  };
  const flow = (f: Flow) => {
    const open = `    <bpmn:sequenceFlow id="${f.id}"${f.name ? ` name="${f.name}"` : ''} sourceRef="${f.from}" targetRef="${f.to}"`;
    return f.condition ? `${open}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(f.condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>` : `${open} />`;
  };
  const shapes = nodes.map(({ id, bounds: [x, y, w, h] }) => `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`);
  const edges = flows.map((f) => `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">${f.points.map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('')}</bpmndi:BPMNEdge>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="defs_${key.replace(/\W/g, '_')}">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
${[...nodes.map(node), ...flows.map(flow)].join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
    ${[...shapes, ...edges].join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

const start = (x: number, y: number): Node => ({ tag: 'startEvent', id: 'start', attrs: 'name="Requested" camunda:initiator="initiator"', bounds: [x, y, 36, 36] });
const task = (id: string, name: string, x: number, y: number, extra = ''): Node => ({ tag: 'userTask', id, attrs: `name="${name}"${extra}`, bounds: [x, y, 100, 80] });

/**
 * start → "Amount?" → amount > 1000: "Director approval" (the initiator's manager's manager),
 * else "Manager approval" (the initiator's manager) → end
 */
export function amountRouting(key: string): string {
  return bpmn(
    key,
    'Purchase by amount',
    [
      start(152, 162),
      { tag: 'exclusiveGateway', id: 'amountCheck', attrs: 'name="Amount?" default="small"', bounds: [240, 155, 50, 50] },
      task('directorStep', 'Director approval', 350, 60, ' camunda:assignee="${manager(initiator, 2)}"'),
      task('managerStep', 'Manager approval', 350, 220, ' camunda:assignee="${manager(initiator)}"'),
      { tag: 'endEvent', id: 'done', attrs: 'name="Approved"', bounds: [532, 162, 36, 36] },
    ],
    [
      { id: 'toGateway', from: 'start', to: 'amountCheck', points: [[188, 180], [240, 180]] },
      { id: 'large', from: 'amountCheck', to: 'directorStep', name: 'over 1000', condition: '${amount > 1000}', points: [[265, 155], [265, 100], [350, 100]] },
      { id: 'small', from: 'amountCheck', to: 'managerStep', points: [[265, 205], [265, 260], [350, 260]] },
      { id: 'fromDirector', from: 'directorStep', to: 'done', points: [[450, 100], [550, 100], [550, 162]] },
      { id: 'fromManager', from: 'managerStep', to: 'done', points: [[450, 260], [550, 260], [550, 198]] },
    ],
  );
}

/**
 * start → "Review" → <last step> → end. Version 1 ends with "Archive" (id archive); version 2
 * replaces it by "File claim" (id fileClaim), so instances waiting at archive have no twin.
 */
export function claimProcess(key: string, last: { id: string; name: string }): string {
  return bpmn(
    key,
    'Expense claim',
    [start(152, 102), task('review', 'Review', 240, 80), task(last.id, last.name, 400, 80), { tag: 'endEvent', id: 'end', attrs: 'name="Done"', bounds: [562, 102, 36, 36] }],
    [
      { id: 'f1', from: 'start', to: 'review', points: [[188, 120], [240, 120]] },
      { id: 'f2', from: 'review', to: last.id, points: [[340, 120], [400, 120]] },
      { id: 'f3', from: last.id, to: 'end', points: [[500, 120], [562, 120]] },
    ],
  );
}
