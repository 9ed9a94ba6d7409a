import { computed, ref } from 'vue';
import type { AttachmentUpload } from '../api/workspace.ts';

/** docs/approvals.md: at most 5 files and 10 MB in all per action */
export const MAX_FILES = 5;
export const MAX_BYTES = 10 * 1024 * 1024;

export interface PickedFile extends AttachmentUpload {
  size: number;
}

/** the bytes of a file as base64 (FileReader's data URL without its `data:…;base64,` head) */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error(`cannot read ${file.name}`));
    r.readAsDataURL(file);
  });
}

/**
 * The files attached to one action: picked from a file input, checked against the limits
 * before anything is sent (`problem` is an i18n key and its parameters), sent as base64.
 */
export function useAttachments() {
  const files = ref<PickedFile[]>([]);
  const problem = ref<{ key: string; params: Record<string, string | number> } | null>(null);
  const totalBytes = computed(() => files.value.reduce((n, f) => n + f.size, 0));

  async function add(list: FileList | File[] | null): Promise<void> {
    problem.value = null;
    const picked = [...(list ?? [])];
    if (picked.length === 0) return;
    if (files.value.length + picked.length > MAX_FILES) {
      problem.value = { key: 'approval.files.tooMany', params: { max: MAX_FILES } };
      return;
    }
    const bytes = picked.reduce((n, f) => n + f.size, totalBytes.value);
    if (bytes > MAX_BYTES) {
      problem.value = { key: 'approval.files.tooBig', params: { mb: MAX_BYTES / 1024 / 1024 } };
      return;
    }
    const read = await Promise.all(picked.map(async (f) => ({ name: f.name, contentType: f.type || 'application/octet-stream', size: f.size, data: await base64Of(f) })));
    files.value = [...files.value, ...read];
  }

  function remove(i: number): void {
    files.value = files.value.filter((_, n) => n !== i);
    problem.value = null;
  }

  function clear(): void {
    files.value = [];
    problem.value = null;
  }

  /** what the API takes: name, type and data of each file */
  const upload = (): AttachmentUpload[] => files.value.map(({ name, contentType, data }) => ({ name, contentType, data }));

  return { files, problem, totalBytes, add, remove, clear, upload };
}
