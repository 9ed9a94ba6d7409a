import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi, type CurrentUser } from '../api/auth.ts';
import { getToken, setToken } from '../api/http.ts';

/** who is signed in; the token lives in localStorage so a reload keeps the session */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  const isAdmin = computed(() => !!user.value && (user.value.roles.includes('admin') || user.value.groups.includes('camunda-admin')));
  const isAnalyst = computed(() => isAdmin.value || !!user.value?.roles.includes('analyst'));

  async function login(username: string, password: string): Promise<void> {
    const r = await authApi.login(username, password);
    setToken(r.token);
    user.value = r.user;
  }

  /** restore the session from a stored token; false when there is none or it expired */
  async function restore(): Promise<boolean> {
    if (user.value) return true;
    if (!getToken()) return false;
    try {
      user.value = await authApi.me();
      return true;
    } catch {
      setToken(null);
      return false;
    }
  }

  function logout(): void {
    setToken(null);
    user.value = null;
  }

  return { user, isAdmin, isAnalyst, login, restore, logout };
});
