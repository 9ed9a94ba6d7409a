import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Runs `fn` now and every `ms` while the browser tab is visible (no polling in a hidden tab;
 * back to visible runs it at once). For the component's lifetime; what `fn` throws is its own
 * business (it is not reported here).
 */
export function useVisibleInterval(fn: () => unknown, ms: number): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const run = () => void Promise.resolve()
    .then(fn)
    .catch(() => undefined);
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const start = () => {
    stop();
    run();
    timer = setInterval(run, ms);
  };
  const onVisibility = () => (document.visibilityState === 'visible' ? start() : stop());
  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility);
    if (document.visibilityState === 'visible') start();
  });
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility);
    stop();
  });
}
