import type { Behavior } from './behavior.ts';
import { intermediateCatch } from './intermediate-catch.ts';

/** A receive task waits like a message catch event; without a messageRef only `trigger` moves it on. */
export const receiveTask: Behavior = intermediateCatch;
