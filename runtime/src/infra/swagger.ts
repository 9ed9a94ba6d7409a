import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI from the routes' own schemas, browsable at /docs */
export const swaggerPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Liuzhuan', description: '/engine-rest (Camunda 7 compatible) and /api (native)', version: '0.1.0' },
        components: {
          securitySchemes: {
            basic: { type: 'http', scheme: 'basic' },
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
        security: [{ basic: [] }, { bearer: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  },
  { name: 'lz-swagger' },
);
