/**
 * Thrown by a task handler (a registered `camunda:class` delegate) to raise a BPMN error that
 * an error boundary event or event sub-process can catch, like Camunda's BpmnError.
 */
export class BpmnError extends Error {
  constructor(
    readonly errorCode: string,
    message?: string,
  ) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
  }
}
