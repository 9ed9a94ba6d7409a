import { isLzError, type Engine } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import { recordData } from '../plugin-host/entity-access.ts';
import type { EntityEvent, EntityStore } from '../entities/types.ts';
import { messageNames } from './message-names.ts';

/** attempts per correlation when the instance was changed by another command meanwhile */
const CONFLICT_ATTEMPTS = 3;
/** undelivered events beyond which the writing side waits for delivery to catch up */
const MAX_BACKLOG = 1000;

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
 * Delivery is in this process, after the commit, one event at a time in commit order. It is
 * not durable: when the runtime stops (or crashes) between the commit and the delivery, that
 * event's messages are lost. A transactional outbox would close that gap.
 */
export class EntityProcesses {
  private unsubscribe: (() => void) | null = null;
  /** the delivery chain: events are delivered one after the other, in the order they came */
  private queue: Promise<void> = Promise.resolve();
  /** events taken in and not yet delivered */
  private pending = 0;

  constructor(
    private readonly engine: Engine,
    private readonly entities: EntityStore,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): this {
    if (this.unsubscribe) return this;
    this.unsubscribe = this.entities.onEvent((event) => {
      this.pending += 1;
      this.queue = this.queue.then(() => this.deliver(event)).finally(() => {
        this.pending -= 1;
      });
      // the write that caused the event does not wait for the processes it moves — unless the
      // backlog is long (an import of many rows): then the writer waits, so memory stays bounded
      return this.pending > MAX_BACKLOG ? this.queue : undefined;
    });
    return this;
  }

  /** stops listening and waits for the events already taken in */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.queue;
  }

  private async deliver(event: EntityEvent): Promise<void> {
    const businessKey = event.record.id;
    const variables = { recordId: event.record.id, entityType: event.entityType, record: recordData(event.record), changes: event.changes };
    // most changes reach no process: ask once which names anyone listens for
    const listened = await this.engine.listenedMessages(messageNames(event)).catch((e: unknown) => {
      this.log.error({ err: e, entityType: event.entityType, recordId: event.record.id }, 'entity event: could not look up message subscriptions');
      return new Set<string>();
    });
    for (const name of messageNames(event).filter((n) => listened.has(n))) {
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
