import type { Scenario } from '../scenario.ts';

/** every scenario of camunda/CASES.md, in its numbering */
import { CAMUNDA_A } from "./index-a.ts";
import { CAMUNDA_B } from "./index-b.ts";

export const CAMUNDA_SCENARIOS: Scenario[] = [...CAMUNDA_A, ...CAMUNDA_B];
