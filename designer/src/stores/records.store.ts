import { defineStore } from 'pinia';
import { ref } from 'vue';
import { entitiesApi, type EntityTypeInfo } from '../api/entities.ts';

/** a record's x-title-field value, else the fallback */
function titleText(field: string | undefined, data: Record<string, unknown>, fallback: string): string {
  const v = field ? data[field] : undefined;
  return v === undefined || v === null || v === '' ? fallback : String(v);
}

/**
 * Entity types (cached: the record pages all need the schema) and the titles of referenced
 * records (x-ref cells show the record they point at, fetched once per id).
 */
export const useRecordsStore = defineStore('records', () => {
  const types = ref<EntityTypeInfo[]>([]);
  const byName = ref<Record<string, EntityTypeInfo>>({});
  const refTitles = ref<Record<string, string>>({});
  const pending = new Map<string, Promise<void>>();

  async function loadTypes(): Promise<EntityTypeInfo[]> {
    const list = await entitiesApi.types();
    types.value = [...list].sort((a, b) => a.name.localeCompare(b.name));
    for (const t of list) byName.value[t.name] = t;
    return types.value;
  }

  /** the latest version of a type; `fresh` reloads it (after a deploy the columns may change) */
  async function ensureType(name: string, fresh = false): Promise<EntityTypeInfo> {
    if (!fresh && byName.value[name]) return byName.value[name];
    const t = await entitiesApi.type(name);
    byName.value[name] = t;
    return t;
  }

  /** fills refTitles for the ids given (a record id → its title field, or the id when unreadable) */
  async function resolveRefs(type: string, ids: string[]): Promise<void> {
    const todo = [...new Set(ids)].filter((id) => id && refTitles.value[`${type}/${id}`] === undefined).slice(0, 100);
    if (!todo.length) return;
    let info: EntityTypeInfo | null = null;
    try {
      info = await ensureType(type);
    } catch {
      return;
    }
    await Promise.all(
      todo.map((id) => {
        const key = `${type}/${id}`;
        if (!pending.has(key)) {
          pending.set(
            key,
            entitiesApi
              .get(type, id)
              .then((r) => void (refTitles.value[key] = titleText(info!.schema['x-title-field'], r.data, id)))
              .catch(() => void (refTitles.value[key] = id)),
          );
        }
        return pending.get(key)!;
      }),
    );
  }

  return { types, byName, refTitles, loadTypes, ensureType, resolveRefs };
});
