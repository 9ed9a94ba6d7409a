/**
 * A process drawn as one row, start → steps → end, with the diagram (BPMNDI) the monitoring pages
 * need to draw it. A step is the element's XML with its id; flows and shapes are generated.
 * Seeds browser tests that presuppose a deployed process (the modeler itself is tested elsewhere).
 */
export interface Step {
  id: string;
  /** the element, e.g. `<userTask id="review" name="Review" />` */
  xml: string;
}

export function linearProcess(key: string, name: string, steps: Step[], opts: { initiator?: boolean } = {}): string {
  const ids = ['start', ...steps.map((s) => s.id), 'end'];
  const flows = ids.slice(1).map((to, i) => ({ id: `f${i + 1}`, from: ids[i]!, to }));
  const isEvent = (id: string) => id === 'start' || id === 'end';
  const box = (id: string, i: number) => (isEvent(id) ? { x: 60 + i * 160 + 32, y: 102, w: 36, h: 36 } : { x: 60 + i * 160, y: 80, w: 100, h: 80 });
  const shapes = ids.map((id, i) => ({ id, ...box(id, i) }));
  const at = new Map(shapes.map((s) => [s.id, s]));
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI" targetNamespace="http://liuzhuan.test/browser" id="defs_${key}">
  <process id="${key}" name="${name}" isExecutable="true">
    <startEvent id="start"${opts.initiator ? ' camunda:initiator="initiator"' : ''} />
    ${steps.map((s) => s.xml).join('\n    ')}
    <endEvent id="end" />
    ${flows.map((f) => `<sequenceFlow id="${f.id}" sourceRef="${f.from}" targetRef="${f.to}" />`).join('\n    ')}
  </process>
  <bpmndi:BPMNDiagram id="diagram_${key}">
    <bpmndi:BPMNPlane id="plane_${key}" bpmnElement="${key}">
      ${shapes.map((s) => `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"><dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" /></bpmndi:BPMNShape>`).join('\n      ')}
      ${flows
        .map((f) => {
          const a = at.get(f.from)!;
          const b = at.get(f.to)!;
          return `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${a.x + a.w}" y="120" /><di:waypoint x="${b.x}" y="120" /></bpmndi:BPMNEdge>`;
        })
        .join('\n      ')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</definitions>`;
}
