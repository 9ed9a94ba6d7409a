/** The process variables simple mode's BPMN names. */

/** the start event's camunda:initiator: the user who filed the request */
export const INITIATOR_VARIABLE = 'initiator';
/** the id of the initiator's resubmit step (lz.step=resubmit), right after the start event */
export const RESUBMIT_ID = 'Resubmit';
