import type { RouteRecordRaw } from 'vue-router';

/** what a feature's nav entry looks like in the top bar */
export interface NavEntry {
  to: string;
  /** i18n key of the label */
  label: string;
  testid: string;
  /** who sees it: everyone signed in, analysts (and admins), or admins */
  role?: 'analyst' | 'admin';
  order: number;
}

/** each feature folder has routes.ts exporting `routes` (lazy components) and optionally `nav` */
export interface FeatureRoutes {
  routes: RouteRecordRaw[];
  nav?: NavEntry[];
}

const mods = import.meta.glob<FeatureRoutes>('../features/*/routes.ts', { eager: true });

export const featureRoutes: RouteRecordRaw[] = Object.values(mods).flatMap((m) => m.routes);
export const navEntries: NavEntry[] = Object.values(mods)
  .flatMap((m) => m.nav ?? [])
  .sort((a, b) => a.order - b.order);
