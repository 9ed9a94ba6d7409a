import type { FeatureRoutes } from '../../router/feature-routes.ts';

// Publishing: deployed processes, their versions, deprecation and instance migration (contract B).
// Analysts read; the write buttons show for admins only (the server checks again).
export const routes: FeatureRoutes['routes'] = [
  { path: '/publish', component: () => import('./ProcessListPage.vue'), meta: { role: 'analyst' } },
  { path: '/publish/:key', component: () => import('./VersionListPage.vue'), meta: { role: 'analyst' } },
  { path: '/publish/:key/:definitionId', component: () => import('./VersionViewPage.vue'), meta: { role: 'analyst' } },
];

export const nav: FeatureRoutes['nav'] = [{ to: '/publish', label: 'publish.nav', testid: 'nav-publish', role: 'analyst', order: 40 }];
