import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** records of every entity type: list of types, a table per type, a record page, a kanban by stage */
export const routes: FeatureRoutes['routes'] = [
  { path: '/records', component: () => import('./TypeListPage.vue') },
  { path: '/records/:type', component: () => import('./RecordTablePage.vue') },
  { path: '/records/:type/kanban', component: () => import('./KanbanPage.vue') },
  { path: '/records/:type/new', component: () => import('./RecordPage.vue') },
  { path: '/records/:type/:id', component: () => import('./RecordPage.vue') },
];

export const nav: FeatureRoutes['nav'] = [{ to: '/records', label: 'records.nav', testid: 'nav-records', order: 60 }];
