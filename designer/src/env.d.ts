/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
// bpmn-io packages ship JavaScript without types
declare module 'bpmn-js/lib/Modeler';
declare module 'bpmn-js/lib/NavigatedViewer';
declare module 'bpmn-js/lib/Viewer';
declare module 'bpmn-js-properties-panel';
declare module '@bpmn-io/properties-panel';
declare module 'camunda-bpmn-moddle/resources/camunda.json';
declare module 'camunda-bpmn-moddle/lib';
declare module 'bpmn-js-bpmnlint';
declare module 'bpmnlint';
declare module 'bpmnlint/rules/*';
declare module '@bpmn-io/form-js';
declare module '@bpmn-io/form-js-viewer';
declare module '@bpmn-io/form-js-editor';
