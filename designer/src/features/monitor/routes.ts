import type { FeatureRoutes } from '../../router/feature-routes.ts';

// Monitoring: instances, one instance on its diagram, and the duration heatmap of a version (contract B).
export const routes: FeatureRoutes['routes'] = [
  { path: '/monitor', component: () => import('./InstanceListPage.vue'), meta: { role: 'admin' } },
  { path: '/monitor/instances/:id', component: () => import('./InstancePage.vue'), meta: { role: 'admin' } },
  { path: '/monitor/heatmap/:definitionId', component: () => import('./HeatmapPage.vue'), meta: { role: 'admin' } },
];

export const nav: FeatureRoutes['nav'] = [{ to: '/monitor', label: 'monitor.nav', testid: 'nav-monitor', role: 'admin', order: 50 }];
