/**
 * The properties panel's "Approval" group (docs/approvals.md): reads and writes the lz.*
 * camunda:property entries of approval steps and of the process, each write one undoable
 * command. Needs bpmn-js-properties-panel's panel module and the camunda moddle extension.
 */
import ApprovalPropertiesProvider from './approval-properties-provider.ts';

export default {
  __init__: ['approvalPropertiesProvider'],
  approvalPropertiesProvider: ['type', ApprovalPropertiesProvider],
};
