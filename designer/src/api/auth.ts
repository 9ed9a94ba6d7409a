import { http } from './http.ts';

export interface CurrentUser {
  id: string;
  groups: string[];
  roles: string[];
}

export const authApi = {
  login: (username: string, password: string) => http.post<{ token: string; user: CurrentUser }>('/api/auth/login', { username, password }),
  me: () => http.get<CurrentUser>('/api/auth/me'),
};
