import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { BpmnViewer } from '../bpmn/markers/index.ts';

/**
 * A read-only bpmn-js viewer (pan and zoom) living as long as the component: created on mount
 * in `container`, destroyed on unmount. `show(xml)` draws a diagram fitted to the view (once per
 * distinct XML) and fills `names` (element id → name); it gives the viewer, or null once the
 * component is gone. Call it after mount — the component's own onMounted runs after this one.
 */
export function useBpmnViewer(container: Ref<HTMLElement | null>) {
  let viewer: BpmnViewer | null = null;
  let shown: string | null = null;
  const names = ref<Record<string, string>>({});

  onMounted(() => {
    viewer = new NavigatedViewer({ container: container.value }) as BpmnViewer;
  });
  onBeforeUnmount(() => {
    viewer?.destroy();
    viewer = null;
  });

  async function show(xml: string): Promise<BpmnViewer | null> {
    if (!viewer) return null;
    if (shown !== xml) {
      await viewer.importXML(xml);
      shown = xml;
      const all = viewer.get('elementRegistry').getAll();
      names.value = Object.fromEntries(all.filter((e) => e.businessObject?.name).map((e) => [e.id, e.businessObject!.name!]));
      viewer.get('canvas').zoom('fit-viewport', 'auto');
    }
    return viewer;
  }

  return { show, names };
}
