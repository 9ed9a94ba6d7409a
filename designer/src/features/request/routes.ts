import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** one request's timeline: every step, who, when, outcome, comments */
export const routes: FeatureRoutes['routes'] = [{ path: '/requests/:instanceId', component: () => import('./RequestTimelinePage.vue'), props: true }];
