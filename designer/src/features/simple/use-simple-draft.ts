/**
 * The simple designer's draft: load it, keep the tree, save it as generated BPMN plus the tree
 * (API contract A: PUT /api/drafts/:id with mode 'simple'), publish, or hand it to the full modeler.
 */
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Draft, PublishResult } from '../../api/drafts.ts';
import { ApiError } from '../../api/http.ts';
import { createApprover, createTree } from '../../simple/tree-ops.ts';
import { toBpmn } from '../../simple/to-bpmn.ts';
import type { SimpleTree } from '../../simple/types.ts';
import { validateTree } from '../../simple/validate-tree.ts';
import { useDraftsStore } from '../../stores/drafts.store.ts';

/**
 * a stored `simple` field we can edit: the shape types.ts describes, version 1. Fields added
 * since (policies, ratio, the start's options, settings) are optional: a tree stored before
 * them loads as it is and gets the contract's defaults when turned into BPMN.
 */
function asTree(v: unknown): SimpleTree | null {
  const t = v as Partial<SimpleTree> | null;
  return t && t.version === 1 && t.start?.type === 'start' && Array.isArray(t.children) ? (t as SimpleTree) : null;
}

/** BPMN with more than a start event: something drawn in the full modeler */
const DRAWN = /<(?:\w+:)?(?:sequenceFlow|task|userTask|serviceTask|scriptTask|sendTask|receiveTask|manualTask|businessRuleTask|callActivity|subProcess|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway|intermediateCatchEvent|intermediateThrowEvent|endEvent)\b/;

export function useSimpleDraft(id: () => string) {
  const { t } = useI18n();
  const drafts = useDraftsStore();
  const draft = shallowRef<Draft | null>(null);
  const tree = ref<SimpleTree | null>(null);
  const name = ref('');
  /** the draft holds a diagram from the full modeler: saving here replaces it */
  const replacesFull = ref(false);
  const loading = ref(false);
  const busy = ref(false);
  const error = ref<unknown>(null);
  const savedAt = ref<Date | null>(null);
  const published = ref<PublishResult | null>(null);

  const problems = computed(() => (tree.value ? validateTree(tree.value) : []));
  /** someone saved the draft after it was loaded here: the save was refused, nothing overwritten */
  const conflict = computed(() => error.value instanceof ApiError && error.value.status === 409);

  function freshTree(): SimpleTree {
    const fresh = createTree(t('simple.start'));
    fresh.children.push(createApprover(t('simple.defaults.approver')));
    return fresh;
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    published.value = null;
    try {
      const d = await drafts.get(id());
      if (d.kind !== 'bpmn') throw new Error(t('simple.messages.notBpmn'));
      draft.value = d;
      name.value = d.name;
      const stored = asTree(d.simple);
      tree.value = stored ?? freshTree();
      // the full modeler drops `simple` when it saves: then the XML holds work the tree does not
      replacesFull.value = !stored && DRAWN.test(d.content);
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  function xml(): string {
    const d = draft.value!;
    return toBpmn(tree.value!, {
      key: d.key,
      name: name.value.trim() || d.name,
      labels: { end: t('simple.end'), rejected: t('simple.rejected'), rejectFlow: t('simple.rejectFlow'), result: t('simple.result'), resubmit: t('simple.resubmit') },
    });
  }

  /** saves what is on screen; `mode` 'full' hands the draft to the full modeler */
  async function save(mode: 'simple' | 'full' = 'simple'): Promise<void> {
    if (!draft.value || !tree.value) return;
    error.value = null;
    busy.value = true;
    try {
      const d = await drafts.save(draft.value.id, {
        name: name.value.trim() || draft.value.name,
        content: xml(),
        simple: JSON.parse(JSON.stringify(tree.value)) as Record<string, unknown>,
        mode,
        revision: draft.value.revision,
      });
      draft.value = d;
      replacesFull.value = false;
      savedAt.value = new Date();
    } catch (e) {
      error.value = e;
      throw e;
    } finally {
      busy.value = false;
    }
  }

  async function publish(): Promise<void> {
    published.value = null;
    if (problems.value.length > 0) {
      error.value = new Error(t('simple.messages.fixFirst', { n: problems.value.length }));
      return;
    }
    try {
      await save();
      busy.value = true;
      published.value = await drafts.publish(draft.value!.id);
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  }

  return { draft, tree, name, replacesFull, loading, busy, error, conflict, savedAt, published, problems, load, save, publish };
}
