import { ref } from 'vue';
import { usersApi, type UserOption } from '../api/users.ts';

const users = ref<UserOption[]>([]);
let loading: Promise<void> | null = null;

/**
 * The people the user pickers suggest, fetched once per page load and shared by every picker.
 * Suggestions only: a list that cannot be read stays empty and any id can still be typed (the
 * server says when there is no such user).
 */
export function useUserDirectory() {
  if (!loading) {
    loading = usersApi.list().then(
      (list) => void (users.value = list),
      () => void (loading = null),
    );
  }
  const label = (id: string) => users.value.find((u) => u.id === id)?.label ?? id;
  return { users, label };
}
