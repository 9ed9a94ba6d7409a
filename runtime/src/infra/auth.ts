import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { IdentityService, Principal } from '../services/identity/identity.service.ts';
import { forbidden, HttpError } from './errors.ts';

const FAILED_LOGINS_PER_MINUTE = 10;

/** who may call a route: anyone, any signed-in user, analysts (and admins), admins */
export type AuthLevel = 'public' | 'user' | 'analyst' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** who may call the route: everyone, any signed-in user (default), admins */
    auth?: AuthLevel;
  }
}

export interface AuthOptions {
  identity: IdentityService;
  secret: string;
  tokenTtlSeconds: number;
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'AuthenticationException', message);
}

/** the principal behind a request (routes declared `auth: 'public'` may have none) */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized('authentication required');
  return req.principal;
}

/**
 * Authentication on every route: HTTP Basic (user + password) or a bearer token from
 * POST /api/auth/login. Each route says who may call it (`config.auth`); no anonymous access
 * except routes marked public. A token names its user; the user's groups and roles are read
 * fresh (cached a few seconds), so removing a role takes effect at once.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: opts.tokenTtlSeconds } });
    const cache = new Map<string, { until: number; p: Principal | null }>();
    const principalFor = async (userId: string): Promise<Principal | null> => {
      const hit = cache.get(userId);
      if (hit && hit.until > Date.now()) return hit.p;
      const p = await opts.identity.principal(userId);
      if (cache.size > 10_000) cache.clear();
      cache.set(userId, { until: Date.now() + 5_000, p });
      return p;
    };
    // failed password checks per client address: HTTP Basic is a login too, so it is limited
    // like POST /api/auth/login (10 a minute), or every request could guess a password
    const failures = new Map<string, { until: number; n: number }>();
    const tooMany = (ip: string): boolean => {
      const f = failures.get(ip);
      return !!f && f.until > Date.now() && f.n >= FAILED_LOGINS_PER_MINUTE;
    };
    const failed = (ip: string): void => {
      const f = failures.get(ip);
      if (failures.size > 10_000) failures.clear();
      if (!f || f.until <= Date.now()) failures.set(ip, { until: Date.now() + 60_000, n: 1 });
      else f.n += 1;
    };
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (req, reply) => {
      const level: AuthLevel = req.routeOptions.config?.auth ?? 'user';
      const header = req.headers.authorization;
      let principal: Principal | null = null;
      if (header && /^Basic /i.test(header)) {
        const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const user = colon < 0 ? decoded : decoded.slice(0, colon);
        const password = colon < 0 ? '' : decoded.slice(colon + 1);
        if (tooMany(req.ip)) throw new HttpError(429, 'TooManyRequests', 'too many failed logins from this address; wait a minute');
        principal = user ? await opts.identity.authenticate(user, password) : null;
        if (!principal) {
          failed(req.ip);
          void reply.header('WWW-Authenticate', 'Basic realm="liuzhuan"');
          throw unauthorized('wrong user name or password');
        }
      } else if (header && /^Bearer /i.test(header)) {
        let sub: string | undefined;
        try {
          sub = (await req.jwtVerify<{ sub?: string }>()).sub;
        } catch {
          throw unauthorized('the token is not valid (expired, or not ours)');
        }
        principal = sub ? await principalFor(sub) : null;
        if (!principal) throw unauthorized('the token names no enabled user');
      }
      req.principal = principal;
      if (level === 'public') return;
      if (!principal) {
        void reply.header('WWW-Authenticate', 'Basic realm="liuzhuan"');
        throw unauthorized('authentication required');
      }
      if (level === 'admin' && !principal.isAdmin) throw forbidden('this needs the admin role');
      if (level === 'analyst' && !principal.isAdmin && !principal.roles.includes('analyst')) throw forbidden('this needs the analyst or admin role');
    });
  },
  { name: 'lz-auth' },
);
