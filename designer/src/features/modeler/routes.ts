import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** the full modeler and the form editor; bpmn-js / form-js load only with these pages */
export const routes: FeatureRoutes['routes'] = [
  { path: '/design/bpmn/:id', component: () => import('./BpmnModelerPage.vue'), props: true, meta: { role: 'analyst' } },
  { path: '/design/form/:id', component: () => import('./FormEditorPage.vue'), props: true, meta: { role: 'analyst' } },
];
