/**
 * What a new draft starts from. BPMN: one start event in an executable process whose id is the
 * draft key (the key the runtime deploys it as). Form: an empty form-js schema whose id is the key
 * (the runtime resolves camunda:formRef by the form's id).
 */

/** form-js's current schema version (@bpmn-io/form-js-viewer `schemaVersion`, 19 in form-js 1.23) */
export const FORM_SCHEMA_VERSION = 19;

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function emptyBpmn(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Liuzhuan" exporterVersion="0.1.0">
  <bpmn:process id="${xmlAttr(key)}" name="${xmlAttr(name)}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" camunda:initiator="initiator" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${xmlAttr(key)}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="182" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

export interface FormSchema {
  type: string;
  id: string;
  components: unknown[];
  schemaVersion: number;
  [k: string]: unknown;
}

export function emptyFormSchema(key: string): FormSchema {
  return { type: 'default', id: key, components: [], schemaVersion: FORM_SCHEMA_VERSION };
}

export function emptyForm(key: string): string {
  return JSON.stringify(emptyFormSchema(key), null, 2);
}
