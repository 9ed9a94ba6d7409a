import { LzError } from '../errors.ts';

export type Operation = () => void | Promise<void>;

/**
 * The queue of atomic operations a command works through (Camunda's atomic operations,
 * Zeebe's records): behaviours never call each other deeply, they schedule the next step.
 * A loop without a wait state therefore runs until the step limit instead of blowing the stack.
 */
export class Agenda {
  private readonly queue: Operation[] = [];
  private head = 0;
  /** operations that wait until everything else is done (see pushLast) */
  private readonly last: Operation[] = [];
  steps = 0;

  constructor(private readonly maxSteps: number) {}

  push(op: Operation): void {
    this.queue.push(op);
  }

  /**
   * For throw events that broadcast (signals, published messages): they run once every other
   * token of the command has settled, so that catch events reached in the same step — the
   * other branch of a parallel split — are listening when the signal goes out (betsy
   * Signal_IntermediateEvent_ThrowAndCatch, Multiple_IntermediateEvent_*).
   */
  pushLast(op: Operation): void {
    this.last.push(op);
  }

  isEmpty(): boolean {
    return this.head >= this.queue.length && this.last.length === 0;
  }

  private next(): Operation | undefined {
    if (this.head < this.queue.length) {
      const op = this.queue[this.head]!;
      this.head += 1;
      return op;
    }
    return this.last.shift();
  }

  async run(): Promise<void> {
    for (let op = this.next(); op; op = this.next()) {
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.steps += 1;
      if (this.steps > this.maxSteps) {
        throw new LzError('LZ_ERR_LOOP_LIMIT', `more than ${this.maxSteps} steps in one command; does the model loop without a wait state?`);
      }
      await op();
    }
  }
}
