import type { Scenario } from '../scenario.ts';
import c35 from './35-message-start-multiple.ts';
import c36 from './36-message-start-and-none-start.ts';
import c37 from './37-message-intermediate-concurrent.ts';
import c38 from './38-message-event-subprocess-interrupting.ts';
import c39 from './39-message-event-subprocess-non-interrupting.ts';
import c40 from './40-message-event-subprocess-in-embedded.ts';
import c41 from './41-signal-catch-intermediate.ts';
import c43 from './43-signal-catch-different-signals.ts';
import c45 from './45-signal-non-interrupting-boundary.ts';
import c46 from './46-signal-start-event.ts';
import c47 from './47-subprocess-nested.ts';
import c48 from './48-subprocess-parallel.ts';
import c49 from './49-subprocess-timer.ts';
import c50 from './50-call-activity-simple.ts';
import c52 from './52-call-activity-data-io.ts';
import c53 from './53-call-activity-all-data-io.ts';
import c54 from './54-mi-parallel-completion-condition.ts';
import c55 from './55-mi-parallel-collection.ts';
import c56 from './56-mi-sequential-user-tasks.ts';
import c57 from './57-mi-sequential-subprocess.ts';
import c58 from './58-terminate-process.ts';
import c59 from './59-terminate-in-subprocess-concurrent.ts';
import c60 from './60-compensate-subprocess.ts';
import c61 from './61-compensate-activity-ref.ts';
import c62 from './62-compensate-scope.ts';
import c63 from './63-compensate-parallel-subprocess-waitstate.ts';
import c64 from './64-compensate-end-event-scope.ts';
import c65 from './65-compensate-event-subprocess.ts';

/** camunda/CASES.md #35–#65 (sections G–M), in number order */
export const CAMUNDA_B: Scenario[] = [
  c35,
  c36,
  c37,
  c38,
  c39,
  c40,
  c41,
  c43,
  c45,
  c46,
  c47,
  c48,
  c49,
  c50,
  c52,
  c53,
  c54,
  c55,
  c56,
  c57,
  c58,
  c59,
  c60,
  c61,
  c62,
  c63,
  c64,
  c65,
];
