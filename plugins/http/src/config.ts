import { Type, type Static } from '@liuzhuan/plugin-sdk';

export const HttpConfig = Type.Object(
  {
    /** host names the task may call (`api.example.com`, `*.example.com`); empty: any */
    allowHosts: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
  },
  { additionalProperties: false },
);
export type HttpConfig = Static<typeof HttpConfig>;

/** HTTP_ALLOW_HOSTS=api.example.com,*.internal.test */
export function httpConfigFromEnv(env: Readonly<Record<string, string | undefined>>): Partial<HttpConfig> {
  const list = (env.HTTP_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return list.length > 0 ? { allowHosts: list } : {};
}

export function hostAllowed(allowHosts: readonly string[], hostname: string): boolean {
  if (allowHosts.length === 0) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return allowHosts.some((rule) => {
    const r = rule.toLowerCase();
    return r.startsWith('*.') ? host.endsWith(r.slice(1)) : host === r;
  });
}
