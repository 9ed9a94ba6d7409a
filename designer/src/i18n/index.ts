import { createI18n } from 'vue-i18n';

/**
 * Messages per area: `i18n/<locale>/<area>.ts` default-exports that area's messages, reachable as
 * `t('<area>.<key>')`. Every area has both locales (tests/browser checks no key is missing).
 */
type Messages = Record<string, unknown>;
const zh = import.meta.glob<{ default: Messages }>('./zh-CN/*.ts', { eager: true });
const en = import.meta.glob<{ default: Messages }>('./en/*.ts', { eager: true });

function byArea(mods: Record<string, { default: Messages }>): Messages {
  const out: Messages = {};
  for (const [path, mod] of Object.entries(mods)) out[path.replace(/^.*\/(.+)\.ts$/, '$1')] = mod.default;
  return out;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const LOCALE_KEY = 'lz.locale';

function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { 'zh-CN': byArea(zh), en: byArea(en) } as never,
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(l: Locale): void {
  (i18n.global.locale as unknown as { value: string }).value = l;
  localStorage.setItem(LOCALE_KEY, l);
  document.documentElement.lang = l;
}

/** the locale the server should translate form labels into */
export function currentLocale(): Locale {
  return (i18n.global.locale as unknown as { value: Locale }).value;
}
