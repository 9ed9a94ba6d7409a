import { ref } from 'vue';

/**
 * A page's loading flag and last error around the calls that fill it: `track(work)` clears the
 * error, sets `loading` while `work` runs, keeps what it throws in `error` (for <ErrorBanner>)
 * and gives its result, or undefined when it failed.
 */
export function useLoading(initially = true) {
  const loading = ref(initially);
  const error = ref<unknown>(null);

  async function track<T>(work: () => Promise<T>): Promise<T | undefined> {
    loading.value = true;
    error.value = null;
    try {
      return await work();
    } catch (e) {
      error.value = e;
      return undefined;
    } finally {
      loading.value = false;
    }
  }

  return { loading, error, track };
}
