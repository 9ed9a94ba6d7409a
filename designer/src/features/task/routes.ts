import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** one task: its form, its actions, a comment, the request's timeline */
export const routes: FeatureRoutes['routes'] = [{ path: '/tasks/:taskId', component: () => import('./TaskPage.vue'), props: true }];
