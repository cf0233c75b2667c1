// Health and the API's own description: the routes that answer without sign-in.
import { z } from 'zod';
import { HealthView, ProbeView } from '@donatello/contracts';
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
  route({
    method: 'get',
    path: '/api/v1/health/live',
    operationId: 'getLiveness',
    tag: 'Health',
    summary: 'Liveness probe: the process answers',
    who: 'anyone',
    public: true,
    description: 'Checks nothing else, so a store outage never gets healthy instances restarted.',
    responses: {
      200: {
        description: 'The process answers',
        schema: ProbeView,
        headers: z.object({ 'Cache-Control': z.literal('no-store') }),
        example: { status: 'ok' },
      },
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/health/ready',
    operationId: 'getReadiness',
    tag: 'Health',
    summary: 'Readiness probe: the store and the blob store answer',
    who: 'anyone',
    public: true,
    description: "App Service's health check: an instance answering 503 is taken out of rotation.",
    responses: {
      200: {
        description: 'Ready to serve',
        schema: ProbeView,
        headers: z.object({ 'Cache-Control': z.literal('no-store') }),
        example: { status: 'ok', checks: { store: 'ok', blobs: 'ok' } },
      },
      503: {
        description: 'The store or the blob store does not answer; `checks` says which',
        schema: ProbeView,
        headers: z.object({ 'Cache-Control': z.literal('no-store') }),
        example: { status: 'unavailable', checks: { store: 'ok', blobs: 'failed' } },
      },
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
