import type { FeatureRoutes } from '../../router/feature-routes.ts';

/** my inbox: to do, done, started by me, copied to me */
export const routes: FeatureRoutes['routes'] = [{ path: '/inbox', component: () => import('./InboxPage.vue') }];

export const nav: NonNullable<FeatureRoutes['nav']> = [{ to: '/inbox', label: 'inbox.nav', testid: 'nav-inbox', order: 10 }];
