/**
 * Save/reload of one draft with optimistic locking: every PUT names the revision it was read at;
 * a 409 means someone saved a newer one — the page keeps the local edit and says so.
 */
import { computed, ref, type Ref } from 'vue';
import { ApiError } from '../../api/http.ts';
import type { Draft, UpdateDraftBody } from '../../api/drafts.ts';
import { useDraftsStore } from '../../stores/drafts.store.ts';

export type DraftState = 'loading' | 'saved' | 'dirty' | 'saving' | 'conflict' | 'failed';

export class DraftConflictError extends Error {}

export function useDraftSaving(id: Ref<string>, dirty: Ref<boolean>) {
  const store = useDraftsStore();
  const draft = ref<Draft | null>(null);
  const saving = ref(false);
  const conflict = ref(false);
  const loadError = ref<unknown>(null);

  const state = computed<DraftState>(() => {
    if (loadError.value) return 'failed';
    if (!draft.value) return 'loading';
    if (conflict.value) return 'conflict';
    if (saving.value) return 'saving';
    return dirty.value ? 'dirty' : 'saved';
  });

  async function load(): Promise<Draft | null> {
    loadError.value = null;
    conflict.value = false;
    try {
      draft.value = await store.get(id.value);
      return draft.value;
    } catch (e) {
      loadError.value = e;
      return null;
    }
  }

  /** PUT the content; throws DraftConflictError on 409 (nothing overwritten, local edit kept) */
  async function save(content: string, extra: Omit<UpdateDraftBody, 'revision' | 'content'> = {}): Promise<Draft> {
    if (!draft.value) throw new Error('draft not loaded');
    if (conflict.value) throw new DraftConflictError();
    saving.value = true;
    const wasDirty = dirty.value;
    dirty.value = false;
    try {
      draft.value = await store.save(id.value, { ...extra, content, revision: draft.value.revision });
      return draft.value;
    } catch (e) {
      dirty.value = dirty.value || wasDirty;
      if (e instanceof ApiError && e.status === 409) {
        conflict.value = true;
        throw new DraftConflictError(e.message);
      }
      throw e;
    } finally {
      saving.value = false;
    }
  }

  return { draft, state, saving, conflict, loadError, load, save };
}

/** offers the local version as a file so nothing is lost when the analyst reloads after a conflict */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** commits what the properties panel is still debouncing (its inputs commit on blur) */
export function blurActiveInput(): void {
  const el = document.activeElement;
  if (el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) el.blur();
}
