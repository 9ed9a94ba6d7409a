import { createHash } from 'node:crypto';
import { newId } from '../context/ids.ts';
import type { EngineServices } from '../context/services.ts';
import { LzError, ModelInvalidError, type ModelProblem } from '../errors.ts';
import type { DefinitionRow } from '../model/definition-store.ts';
import type { ProcessModel } from '../model/types.ts';
import { compileDocument } from '../parse/compile/index.ts';
import { readBpmn } from '../parse/read-bpmn.ts';
import { guardXml } from '../parse/xml-guard.ts';
import { firstDue } from '../timers/index.ts';
import { identicalDeployment, listDeployments } from '../persistence/repos/deployments.repo.ts';
import { validateModel } from '../validate/validate.ts';

export interface DeployResource {
  name: string;
  content: string | Uint8Array;
}

export interface DeployOptions {
  name?: string;
  source?: string;
  /** skip processes whose resource did not change since the latest version (default true) */
  changedOnly?: boolean;
}

export interface DeployedDefinition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  resourceName: string;
  /** false when an identical version already existed and was kept */
  isNew: boolean;
}

export interface DeploymentResult {
  id: string;
  name: string | null;
  deployedAt: Date;
  definitions: DeployedDefinition[];
  /** non-executable processes found and not deployed */
  skipped: string[];
}

const BPMN_NAME = /\.(bpmn|bpmn2|bpmn20\.xml|xml)$/i;

interface Prepared {
  resource: DeployResource;
  /** the stored content: text, or base64 for bytes that are not UTF-8 text */
  text: string;
  encoding: 'utf8' | 'base64';
  hash: string;
  models: ProcessModel[];
}

/**
 * A resource that is not BPMN: kept as text when it is UTF-8 text, else as base64; forms must
 * be JSON. Text that starts with a byte-order mark is kept as base64 too: database drivers
 * decode text columns with a TextDecoder, which drops a leading BOM, and the bytes must come
 * back as they were given.
 */
function otherResource(r: DeployResource, problems: ModelProblem[]): { text: string; encoding: 'utf8' | 'base64' } {
  let text: string | null = typeof r.content === 'string' ? r.content : null;
  if (text === null) {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(r.content as Uint8Array);
    } catch {
      text = null;
    }
  }
  if (text !== null && text.includes('\u0000')) text = null;
  if (/\.form$/i.test(r.name)) {
    try {
      JSON.parse((text ?? '').replace(/^\uFEFF/, ''));
    } catch {
      problems.push({ elementId: r.name, message: 'a form must be a form-js JSON document', resource: r.name });
    }
  }
  if (text !== null && !text.startsWith('\uFEFF')) return { text, encoding: 'utf8' };
  const bytes = typeof r.content === 'string' ? Buffer.from(r.content, 'utf8') : Buffer.from(r.content);
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

/**
 * Deploys BPMN resources in one transaction: each is guarded, parsed, compiled and
 * validated first — one problem anywhere and nothing is stored. A process whose resource is
 * unchanged since its latest version keeps that version; a changed one gets version n+1 and
 * takes over the start events (message, signal, timer) of the key.
 */
export async function deploy(services: EngineServices, resources: DeployResource[], opts: DeployOptions = {}): Promise<DeploymentResult> {
  const { prepared, problems, skipped } = await prepare(services, resources);
  if (problems.length > 0) throw new ModelInvalidError(problems);
  return store(services, prepared, opts, skipped);
}

/**
 * The deploy-time checks without deploying: the problems `deploy` would refuse these resources
 * for (empty: it would deploy). XML that cannot be read still throws (LZ_ERR_XML_*), as in deploy.
 */
export async function validateResources(services: EngineServices, resources: DeployResource[]): Promise<ModelProblem[]> {
  return (await prepare(services, resources)).problems;
}

async function prepare(services: EngineServices, resources: DeployResource[]): Promise<{ prepared: Prepared[]; problems: ModelProblem[]; skipped: string[] }> {
  if (resources.length === 0) throw new LzError('LZ_ERR_DEPLOY_EMPTY');
  const prepared: Prepared[] = [];
  const problems: ModelProblem[] = [];
  const skipped: string[] = [];
  const keys = new Set<string>();
  for (const r of resources) {
    if (!r.name || typeof r.name !== 'string') throw new LzError('LZ_ERR_BAD_REQUEST', 'every resource needs a name');
    if (!BPMN_NAME.test(r.name)) {
      const other = otherResource(r, problems);
      prepared.push({ resource: r, ...other, hash: hash(other.text), models: [] });
      continue;
    }
    const text = guardXml(r.content);
    const doc = await readBpmn(text);
    const compiled = compileDocument(doc, { ...services.compileOptions(), resourceName: r.name });
    problems.push(...compiled.problems);
    // a rule does not repeat, in other words, what compiling an element already reported on it
    const reported = new Set(compiled.problems.map((p) => p.elementId));
    for (const m of compiled.processes) {
      if (keys.has(m.id)) problems.push({ elementId: m.id, message: 'the process id is used by another process of this deployment', resource: r.name });
      keys.add(m.id);
      problems.push(...validateModel(m, r.name).filter((p) => !reported.has(p.elementId)));
      problems.push(...startEventNames(m, r.name));
    }
    skipped.push(...compiled.skipped);
    prepared.push({ resource: r, text, encoding: 'utf8', hash: hash(text), models: compiled.processes });
  }
  problems.push(...sharedMessageStarts(prepared));
  return { prepared, problems, skipped };
}

function messageStartNames(m: ProcessModel): [string, string][] {
  const out: [string, string][] = [];
  for (const id of m.messageStarts) {
    for (const e of m.nodes.get(id)!.events) if (e.kind === 'message' && e.messageName.isLiteral) out.push([id, e.messageName.source.trim()]);
  }
  return out;
}

/** a message may start one process only, or correlation could not choose (Camunda: deployment fails) */
function sharedMessageStarts(prepared: Prepared[]): ModelProblem[] {
  const owner = new Map<string, string>();
  const out: ModelProblem[] = [];
  for (const p of prepared) {
    for (const m of p.models) {
      for (const [id, name] of messageStartNames(m)) {
        const other = owner.get(name);
        if (other && other !== m.id) out.push({ elementId: id, message: `message '${name}' already starts process '${other}' in this deployment`, resource: p.resource.name });
        owner.set(name, m.id);
      }
    }
  }
  return out;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** start events are subscribed at deploy time, so their message/signal names cannot be expressions */
function startEventNames(m: ProcessModel, resource: string): ModelProblem[] {
  const out: ModelProblem[] = [];
  for (const id of [...m.messageStarts, ...m.signalStarts]) {
    for (const e of m.nodes.get(id)!.events) {
      const name = e.kind === 'message' ? e.messageName : e.kind === 'signal' ? e.signalName : null;
      if (name && !name.isLiteral) out.push({ elementId: id, message: 'the message/signal name of a start event must be plain text', resource });
      if (name && name.isLiteral && name.source.trim() === '') out.push({ elementId: id, message: 'a message start event needs a named message', resource });
    }
  }
  return out;
}

/**
 * deploy-changed-only: when a deployment with exactly these resources exists and all its
 * processes are still the latest versions, nothing is written and that deployment is the answer
 * (Camunda's duplicate filtering).
 */
async function unchanged(services: EngineServices, prepared: Prepared[], skipped: string[]): Promise<DeploymentResult | null> {
  const existing = await identicalDeployment(services.db, prepared.map((p) => ({ name: p.resource.name, hash: p.hash })));
  if (!existing) return null;
  const definitions: DeployedDefinition[] = [];
  for (const p of prepared) {
    for (const m of p.models) {
      const latest = await services.definitions.latest(m.id);
      if (!latest || latest.row.hash !== p.hash) return null;
      definitions.push({ id: latest.row.id, key: latest.row.key, version: latest.row.version, name: latest.row.name, resourceName: latest.row.resource_name, isNew: false });
    }
  }
  const [d] = await listDeployments(services.db, { id: existing });
  if (!d) return null;
  return { id: d.id, name: d.name, deployedAt: d.deploymentTime, definitions, skipped };
}

async function store(services: EngineServices, prepared: Prepared[], opts: DeployOptions, skipped: string[]): Promise<DeploymentResult> {
  if (opts.changedOnly !== false) {
    const same = await unchanged(services, prepared, skipped);
    if (same) return same;
  }
  const now = services.clock.now();
  const deploymentId = newId();
  const result: DeploymentResult = { id: deploymentId, name: opts.name ?? null, deployedAt: now, definitions: [], skipped };
  const fresh: { row: DefinitionRow; model: ProcessModel }[] = [];
  await services.db.transaction(async (q) => {
    await q(`INSERT INTO deployments (id, name, source, tenant_id, deployed_at) VALUES ($1, $2, $3, NULL, $4)`, [deploymentId, opts.name ?? null, opts.source ?? null, now]);
    for (const p of prepared) {
      const resourceId = newId();
      await q(`INSERT INTO deployment_resources (id, deployment_id, name, content, hash, created_at, encoding) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        resourceId,
        deploymentId,
        p.resource.name,
        p.text,
        p.hash,
        now,
        p.encoding,
      ]);
      for (const model of p.models) {
        await q(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`liuzhuan-definition:${model.id}`]);
        const [latest] = await q<DefinitionRow>(`SELECT * FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`, [model.id]);
        if (latest && latest.hash === p.hash && opts.changedOnly !== false) {
          result.definitions.push({ id: latest.id, key: latest.key, version: latest.version, name: latest.name, resourceName: latest.resource_name, isNew: false });
          continue;
        }
        const row: DefinitionRow = {
          id: `${model.id}:${(latest?.version ?? 0) + 1}:${newId()}`,
          key: model.id,
          version: (latest?.version ?? 0) + 1,
          name: model.name,
          deployment_id: deploymentId,
          resource_id: resourceId,
          resource_name: p.resource.name,
          hash: p.hash,
          version_tag: model.versionTag,
          suspended: false,
          history_ttl: model.historyTimeToLive,
          created_at: now,
        };
        await q(
          `INSERT INTO process_definitions (id, key, version, name, deployment_id, resource_id, resource_name, hash, version_tag, suspended, history_ttl, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, $10, $11)`,
          [row.id, row.key, row.version, row.name, row.deployment_id, row.resource_id, row.resource_name, row.hash, row.version_tag, row.history_ttl, now],
        );
        for (const [startId, name] of messageStartNames(model)) {
          const [taken] = await q<{ key: string }>(
            `SELECT d.key FROM event_subscriptions s JOIN process_definitions d ON d.id = s.definition_id
             WHERE s.instance_id IS NULL AND s.type = 'message' AND s.event_name = $1 AND d.key <> $2 LIMIT 1`,
            [name, model.id],
          );
          if (taken) throw new ModelInvalidError([{ elementId: startId, message: `message '${name}' already starts process '${taken.key}'`, resource: p.resource.name }]);
        }
        await replaceStartEvents(q, row, model, now);
        // other engines on this database forget their cached latest version (delivered at commit)
        await q(`SELECT pg_notify('lz_definitions', $1)`, [row.key]);
        fresh.push({ row, model });
        result.definitions.push({ id: row.id, key: row.key, version: row.version, name: row.name, resourceName: row.resource_name, isNew: true });
      }
    }
  });
  for (const f of fresh) services.definitions.prime(f.row, f.model);
  services.emit([{ type: 'deployment.created', deploymentId, definitions: result.definitions.filter((d) => d.isNew).map((d) => d.id) }]);
  return result;
}

type Q = <R = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<R[]>;

/** the newest version owns the key's start events: the older version's subscriptions and start timers go */
export async function replaceStartEvents(q: Q, row: DefinitionRow, model: ProcessModel, now: Date): Promise<void> {
  await q(`DELETE FROM event_subscriptions WHERE instance_id IS NULL AND definition_id IN (SELECT id FROM process_definitions WHERE key = $1 AND id <> $2)`, [row.key, row.id]);
  await q(`DELETE FROM jobs WHERE instance_id IS NULL AND definition_key = $1`, [row.key]);
  for (const id of [...model.messageStarts, ...model.signalStarts, ...model.conditionalStarts]) {
    for (const e of model.nodes.get(id)!.events) {
      const type = e.kind === 'message' ? 'message' : e.kind === 'signal' ? 'signal' : e.kind === 'conditional' ? 'conditional' : null;
      if (!type) continue;
      const name = e.kind === 'message' ? e.messageName.source.trim() : e.kind === 'signal' ? e.signalName.source.trim() : null;
      await q(`INSERT INTO event_subscriptions (id, type, event_name, instance_id, execution_id, element_id, definition_id, config, created_at) VALUES ($1, $2, $3, NULL, NULL, $4, $5, $6, $7)`, [
        newId(),
        type,
        name,
        id,
        row.id,
        JSON.stringify({ eventId: e.id }),
        now,
      ]);
    }
  }
  for (const id of model.timerStarts) {
    for (const e of model.nodes.get(id)!.events) {
      if (e.kind !== 'timer') continue;
      if (!e.timer.value.isLiteral) throw new LzError('LZ_ERR_DEPLOY_INVALID', `${id}: the timer of a start event must be plain text`);
      const first = firstDue(e.timer.type, e.timer.value.source.trim(), now);
      await q(
        `INSERT INTO jobs (id, type, instance_id, execution_id, definition_id, definition_key, element_id, handler, due_at, retries, retry_cycle, priority, suspended, created_at)
         VALUES ($1, 'timer', NULL, NULL, $2, $3, $4, $5, $6, 3, NULL, 0, false, $7)`,
        [newId(), row.id, row.key, id, JSON.stringify({ eventId: e.id, repeat: first.repeat }), first.due, now],
      );
    }
  }
}
