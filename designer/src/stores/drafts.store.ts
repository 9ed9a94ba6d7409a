import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { draftsApi, type CreateDraftBody, type Draft, type DraftKind, type DraftSummary, type UpdateDraftBody } from '../api/drafts.ts';

/** the analyst's drafts: the list (both kinds) and the calls the design pages make */
export const useDraftsStore = defineStore('drafts', () => {
  const items = ref<DraftSummary[]>([]);
  const loading = ref(false);

  const bpmn = computed(() => items.value.filter((d) => d.kind === 'bpmn'));
  const forms = computed(() => items.value.filter((d) => d.kind === 'form'));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await draftsApi.list()).items;
    } finally {
      loading.value = false;
    }
  }

  function remember(d: Draft): void {
    const { content: _c, simple: _s, ...summary } = d;
    items.value = [summary, ...items.value.filter((x) => x.id !== d.id)];
  }

  async function create(body: CreateDraftBody): Promise<Draft> {
    const d = await draftsApi.create(body);
    remember(d);
    return d;
  }

  /** saves with the revision it was read at; a stale one rejects with ApiError 409 */
  async function save(id: string, body: UpdateDraftBody): Promise<Draft> {
    const d = await draftsApi.update(id, body);
    remember(d);
    return d;
  }

  async function remove(id: string): Promise<void> {
    await draftsApi.remove(id);
    items.value = items.value.filter((x) => x.id !== id);
  }

  /** the draft of this kind and key, asking the server (one draft per kind+key) */
  async function findByKey(kind: DraftKind, key: string): Promise<DraftSummary | undefined> {
    const list = (await draftsApi.list(kind)).items;
    return list.find((d) => d.key === key);
  }

  /** the draft of this kind and key, created with `content` when there is none yet */
  async function ensure(kind: DraftKind, key: string, name: string, content: string): Promise<string> {
    const found = await findByKey(kind, key);
    if (found) return found.id;
    return (await create({ kind, key, name, content })).id;
  }

  return {
    items,
    loading,
    bpmn,
    forms,
    load,
    get: draftsApi.get,
    create,
    save,
    remove,
    findByKey,
    ensure,
    validate: draftsApi.validate,
    publish: draftsApi.publish,
  };
});
