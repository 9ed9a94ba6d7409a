import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** simple mode: the DingTalk-style approval designer of one BPMN draft (reached from the design list) */
export const routes: FeatureRoutes['routes'] = [{ path: '/design/simple/:id', component: () => import('./SimpleDesignerPage.vue'), meta: { role: 'analyst' } }];
