import type { FeatureRoutes } from '../../router/feature-routes.ts';

export const routes: FeatureRoutes['routes'] = [{ path: '/login', component: () => import('./LoginPage.vue'), meta: { public: true } }];
