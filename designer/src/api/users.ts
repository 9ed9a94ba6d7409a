import { http } from './http.ts';

/**
 * The people one can pick (transfer, delegate, add signer, cc): Camunda's user list
 * (GET /engine-rest/user, readable by every signed-in user), profiles only.
 */

export interface UserOption {
  id: string;
  /** the name, or the id when the profile has none */
  label: string;
}

/** Camunda's UserProfileDto (runtime/src/routes/engine-rest/identity/identity.schema.ts) */
interface UserProfile {
  id: string;
  firstName: string | null;
  lastName: string | null;
}

/** how many users the pickers offer as suggestions; any other id can still be typed */
export const USER_SUGGESTIONS = 1000;

export const usersApi = {
  async list(): Promise<UserOption[]> {
    const rows = await http.get<UserProfile[]>('/engine-rest/user', { maxResults: USER_SUGGESTIONS });
    return rows
      .map((u) => ({ id: u.id, label: [u.firstName, u.lastName].filter(Boolean).join(' ') || u.id }))
      .sort((a, b) => a.id.localeCompare(b.id));
  },
};
