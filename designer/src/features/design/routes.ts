import type { FeatureRoutes } from '../../router/feature-routes.ts';

export const routes: FeatureRoutes['routes'] = [{ path: '/design', component: () => import('./DraftListPage.vue'), meta: { role: 'analyst' } }];

export const nav: FeatureRoutes['nav'] = [{ to: '/design', label: 'design.nav', testid: 'nav-design', role: 'analyst', order: 30 }];
