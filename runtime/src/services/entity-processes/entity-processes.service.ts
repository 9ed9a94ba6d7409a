import { isLzError, type Engine } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import { recordData } from '../plugin-host/entity-access.ts';
import type { EntityEvent, EntityStore } from '../entities/types.ts';
import { messageNames } from './message-names.ts';

/** attempts per correlation when the instance was changed by another command meanwhile */
const CONFLICT_ATTEMPTS = 3;
/** undelivered events beyond which the writing side waits for delivery to catch up */
const MAX_BACKLOG = 1000;
/** events per subscription lookup */
const BATCH = 500;

/**
 * Entity changes drive processes. For each committed change the store reports, every message
 * of `messageNames(event)` is sent twice over, as two engine commands:
 *  1. to every execution waiting for it (receive task, intermediate message catch, event-based
 *     gateway, message event subprocess) in instances whose business key is the record id;
 *  2. to every process definition whose message start event has that name: each starts a new
 *     instance with business key = the record id.
 * Both get the variables recordId, entityType, record ({ id, type, version, data, createdAt,
 * createdBy, updatedAt, updatedBy }) and changes ([{ field, old, new }]) — as process
 * variables, so a waiting instance sees the record as it is now.
 *
 * Nobody listening is normal (most changes move no process). Any other failure is logged with
 * the event and the message, never thrown into the entity write, which has committed already.
 *
 * Delivery is in this process, after the commit, one event after the other in commit order. It is
 * not durable: when the runtime stops (or crashes) between the commit and the delivery, that
 * event's messages are lost. A transactional outbox would close that gap.
 */
export class EntityProcesses {
  private unsubscribe: (() => void) | null = null;
  /** events taken in and not yet delivered, in commit order */
  private readonly buffer: EntityEvent[] = [];
  /** the delivery loop while it runs */
  private draining: Promise<void> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly entities: EntityStore,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): this {
    if (this.unsubscribe) return this;
    this.unsubscribe = this.entities.onEvent((event) => {
      this.buffer.push(event);
      this.kick();
      // the write that caused the event does not wait for the processes it moves — unless the
      // backlog is long (an import of many rows): then the writer waits, so memory stays bounded
      return this.buffer.length > MAX_BACKLOG ? this.idle() : undefined;
    });
    return this;
  }

  /** stops listening and waits for the events already taken in */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.idle();
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.buffer.length > 0) this.kick();
    });
  }

  private async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Delivers the buffer one batch at a time. Most changes reach no process, so one query per
   * batch asks which of the batch's message names anyone listens for (every event of the batch
   * has committed before it runs) and only those are sent.
   */
  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, BATCH);
      const names = [...new Set(batch.flatMap((e) => messageNames(e)))];
      const listened = await this.engine.listenedMessages(names).catch((e: unknown) => {
        this.log.error({ err: e, events: batch.length }, 'entity events: could not look up message subscriptions; these events move no process');
        return new Set<string>();
      });
      for (const event of batch) await this.deliver(event, listened);
    }
  }

  private async deliver(event: EntityEvent, listened: ReadonlySet<string>): Promise<void> {
    const names = messageNames(event).filter((n) => listened.has(n));
    if (names.length === 0) return;
    const businessKey = event.record.id;
    const variables = { recordId: event.record.id, entityType: event.entityType, record: recordData(event.record), changes: event.changes };
    for (const name of names) {
      await this.send(event, name, { businessKey, variables, all: true, waitingOnly: true });
      await this.send(event, name, { businessKey, variables, all: true, startOnly: true });
    }
  }

  private async send(event: EntityEvent, name: string, opts: Parameters<Engine['correlateMessage']>[1]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.engine.correlateMessage(name, opts);
        return;
      } catch (e) {
        if (isLzError(e, 'LZ_ERR_MESSAGE_NOT_CORRELATED')) return;
        // the instance moved under us (optimistic lock): the next attempt loads it afresh
        if (isLzError(e, 'LZ_ERR_CONFLICT') && attempt < CONFLICT_ATTEMPTS) continue;
        this.log.error(
          { err: e, message: name, entityEvent: event.type, entityType: event.entityType, recordId: event.record.id, recordVersion: event.record.version, to: opts?.startOnly ? 'start events' : 'waiting executions' },
          'entity event: could not deliver the message to the processes',
        );
        return;
      }
    }
  }
}
