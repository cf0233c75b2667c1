// Health and the API's own description: the routes that answer without sign-in.
import { z } from 'zod';
import { HealthView } from '@donatello/contracts';
import { route } from '../route-spec.ts';

export const healthRoutes = [
  route({
    method: 'get',
    path: '/api/v1/health',
    operationId: 'getHealth',
    tag: 'Health',
    summary: 'Health of this instance',
    who: 'anyone',
    public: true,
    description:
      'Pings the store and the blob store (2 s each). Holds no data beyond versions and adapter names.',
    responses: {
      200: { description: 'Every check passed', schema: HealthView },
      503: { description: 'A check failed (`status: degraded`); the body says which', schema: HealthView },
    },
  }),
];

export const referenceRoutes = [
  route({
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Reference',
    summary: 'This OpenAPI 3.1 document',
    who: 'anyone',
    public: true,
    description:
      'Generated at start from the zod schemas the server validates with; import it into your tools.',
    responses: {
      200: {
        description: 'The document',
        schema: z.looseObject({ openapi: z.literal('3.1.1') }),
        headers: z.object({ ETag: z.string() }),
      },
      304: { description: 'Unchanged since the `ETag` sent in `If-None-Match`' },
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/docs',
    operationId: 'getApiReference',
    tag: 'Reference',
    summary: 'The interactive reference (this page)',
    who: 'anyone',
    public: true,
    description:
      'Served from this server with no outside requests. In development, "Try it out" can use a dev token.',
    responses: { 200: { description: 'An HTML page', mediaTypes: ['text/html'] } },
  }),
];
