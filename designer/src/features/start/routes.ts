import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** what I may start, and the start form of one process */
export const routes: FeatureRoutes['routes'] = [
  { path: '/start', component: () => import('./CataloguePage.vue') },
  { path: '/start/:key', component: () => import('./StartRequestPage.vue'), props: (r) => ({ processKey: String(r.params.key) }) },
];

export const nav: NonNullable<FeatureRoutes['nav']> = [{ to: '/start', label: 'start.nav', testid: 'nav-start', order: 20 }];
