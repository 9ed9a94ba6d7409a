import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '../stores/auth.store.ts';
import { featureRoutes } from './feature-routes.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean;
    /** analysts (and admins) or admins only */
    role?: 'analyst' | 'admin';
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: '/inbox' },
    ...featureRoutes,
    { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../components/NotFound.vue'), meta: { public: true } },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const auth = useAuthStore();
  if (!(await auth.restore())) return { path: '/login', query: { next: to.fullPath } };
  if (to.meta.role === 'admin' && !auth.isAdmin) return { path: '/inbox' };
  if (to.meta.role === 'analyst' && !auth.isAnalyst) return { path: '/inbox' };
  return true;
});
