import type { Engine, EngineListener } from '@liuzhuan/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { RequestNumbers } from './request-numbers.service.ts';
import { SERIAL_VARIABLE, TITLE_VARIABLE } from './request-numbers.service.ts';

type EngineEvent = Parameters<EngineListener>[0];

/**
 * Requests started without a start path that numbers them first — a message, signal, timer,
 * conditional or entity-event start — get their number and title after the fact, from the
 * engine's after-commit `process-instance.started` event: drawn for the instance's start time
 * and recorded in request_info (the timeline and the inbox show them). They carry no lzSerialNo
 * variable and keep their business key. An instance the start paths numbered (it has the
 * lzSerialNo or lzTitle variable) and an instance a call activity started are left alone.
 *
 * The listener only queues the work; failures (a bad pattern) are logged, never thrown into the engine.
 */
export class LateNumbers {
  private readonly inFlight = new Set<Promise<void>>();
  private off: (() => void) | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly numbers: RequestNumbers,
    private readonly log: FastifyBaseLogger,
  ) {}

  listen(): this {
    this.off = this.engine.on((e: EngineEvent) => {
      if (e.type !== 'process-instance.started' || typeof e.processInstanceId !== 'string') return;
      const work = this.number(e.processInstanceId).catch((err: unknown) => this.log.warn({ err, processInstanceId: e.processInstanceId }, 'numbering a request after its start failed'));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
    return this;
  }

  /** resolves once the instances started so far are numbered (tests, shutdown) */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.off?.();
    this.off = null;
    await this.idle();
  }

  private async number(instanceId: string): Promise<void> {
    const [h] = await this.engine.getHistoricInstances({ processInstanceId: instanceId });
    if (!h || h.superProcessInstanceId) return;
    const model = await this.engine.getDefinitionModel(h.definitionId);
    if (!model.properties['lz.serialPattern']?.trim() && !model.properties['lz.titleTemplate']?.trim()) return;
    const vars = (await this.engine.getHistoricVariableInstances({ processInstanceId: instanceId })).filter((v) => v.scopeId === instanceId);
    if (vars.some((v) => v.name === SERIAL_VARIABLE || v.name === TITLE_VARIABLE)) return;
    if ((await this.numbers.infoOf([instanceId])).has(instanceId)) return;
    const variables = Object.fromEntries(vars.map((v) => [v.name, v.value]));
    const info = await this.numbers.draw(model, variables, h.startUserId, h.startTime);
    await this.numbers.record(instanceId, h.definitionKey, info);
  }
}
