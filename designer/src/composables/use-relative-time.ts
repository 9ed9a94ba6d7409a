import { useI18n } from 'vue-i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * Timestamps in the chosen locale (Intl): `relative` says "3 hours ago" / "3小时前", `local` the
 * full local date and time (for a title tooltip). Both follow a locale switch.
 */
export function useRelativeTime() {
  const { locale } = useI18n();

  function relative(iso: string | null | undefined, now = Date.now()): string {
    if (!iso) return '';
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return iso;
    const secs = Math.round((t - now) / 1000);
    const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' });
    for (const [unit, size] of UNITS) if (Math.abs(secs) >= size) return rtf.format(Math.trunc(secs / size), unit);
    return rtf.format(0, 'second');
  }

  function local(iso: string | null | undefined): string {
    if (!iso) return '';
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return iso;
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
  }

  return { relative, local };
}
