import type { DefinitionInfo, Engine } from '@liuzhuan/engine';
import { notFound } from '../../../infra/errors.ts';

/** how a route names a definition: `/process-definition/{id}` or `/process-definition/key/{key}` (latest version) */
export type DefinitionRef = { id: string } | { key: string };

export const BY = [
  { prefix: '/process-definition/:id', ref: (p: Record<string, string>): DefinitionRef => ({ id: p.id! }) },
  { prefix: '/process-definition/key/:key', ref: (p: Record<string, string>): DefinitionRef => ({ key: p.key! }) },
] as const;

export async function resolveDefinition(engine: Engine, ref: DefinitionRef): Promise<DefinitionInfo> {
  if ('id' in ref) {
    const [d] = await engine.getDefinitions({ id: ref.id });
    if (!d) throw notFound(`No matching definition with id ${ref.id}`);
    return d;
  }
  const [d] = await engine.getDefinitions({ key: ref.key, latestOnly: true });
  if (!d) throw notFound(`No matching process definition with key: ${ref.key} and no tenant-id`);
  return d;
}
