// Quotes, generations and their images (docs/api.md "Generations and images").
import { z } from 'zod';
import {
  EstimateView,
  GenerationId,
  GenerationListQuery,
  GenerationRequest,
  GenerationView,
  ImageVariantQuery,
  ModelView,
  pageOf,
} from '@donatello/contracts';
import { route } from '../route-spec.ts';
import { ConditionalGetHeaders, ETagHeader, GenerationRequestHeaders, LocationHeader } from '../headers.ts';
import { estimateExample, generationExample, generationRequestExample } from '../examples.ts';

const GenerationPage = pageOf(GenerationView, 'GenerationPage');
const ById = z.object({ id: GenerationId });
const ImageId = z.object({
  id: z
    .string()
    .max(64)
    .meta({
      description: '`{generationId}_{index}`, from `images[].id`',
      examples: [`${generationExample.id}_0`],
    }),
});
const SignedLink = z.object({
  tid: z.string().meta({ description: 'The tenant id' }),
  exp: z.string().meta({ description: 'Expiry, Unix seconds' }),
  sig: z.string().meta({ description: 'HMAC-SHA256 over tenant, image, expiry and variant (base64url)' }),
});
const imageHeaders = z.object({ ETag: ETagHeader, 'Cache-Control': z.string() });
const WITH_DEPARTMENT = 'signed in, with a department';

export const generationRoutes = [
  route({
    method: 'get',
    path: '/api/v1/models',
    operationId: 'listModels',
    tag: 'Generations',
    summary: "The models the caller's department may use, with prices",
    who: 'signed in',
    description:
      "The configured models the department's policy allows (allowed providers, residency), sorted by name; none " +
      'without a department. The router still decides and checks every request.',
    responses: {
      200: {
        description: 'One page holding every model',
        schema: pageOf(ModelView, 'ModelPage'),
        example: {
          items: [
            {
              id: 'local-scene',
              provider: 'local',
              displayName: 'DonatelloAI Local (offline)',
              sizes: ['1024x1024', '1792x1024', '1024x1792'],
              qualities: ['standard', 'hd'],
              maxImages: 4,
              unitPriceAud: { standard: '0.0200', hd: '0.0400' },
              region: 'australia',
              commercialSafe: true,
              styles: null,
            },
          ],
          nextCursor: null,
        },
      },
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/estimates',
    operationId: 'createEstimate',
    tag: 'Generations',
    summary: 'Quote a generation without starting it',
    who: WITH_DEPARTMENT,
    description:
      'Provider, model, costs, the budget decision a request would get now (without reserving), prompt safety, ' +
      'and an identical earlier image to reuse. Quotes have their own rate limit, five times the generation limit.',
    body: { schema: GenerationRequest, example: generationRequestExample },
    responses: { 200: { description: 'The quote', schema: EstimateView, example: estimateExample } },
    problems: {
      403: ['no-department', 'forbidden'],
      429: ['rate-limited'],
      503: ['service-unavailable', 'no-provider-available'],
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/generations',
    operationId: 'createGeneration',
    tag: 'Generations',
    summary: 'Start a generation',
    who: WITH_DEPARTMENT,
    description:
      'Reserves the dearest model the request may fall back to, then runs it; the charge is the model that answered. ' +
      'A soft-limit overage waits for an approver (202 with `status: pending_approval`); nothing runs or is ' +
      'reserved until one decides. A request that fails before its generation is recorded (402, 503) frees its ' +
      '`Idempotency-Key`. With `Prefer: wait`, a finished failure answers as its problem, with `generationId`.',
    params: { header: GenerationRequestHeaders },
    body: { schema: GenerationRequest, example: generationRequestExample },
    responses: {
      201: {
        description: 'Finished (with `Prefer: wait`)',
        schema: GenerationView,
        headers: z.object({
          Location: LocationHeader,
          'Preference-Applied': z.literal('wait').optional(),
          'Idempotent-Replayed': z.literal('true').optional(),
        }),
        example: generationExample,
      },
      202: {
        description: 'Queued, running, or waiting for approval: poll the `Location`',
        schema: GenerationView,
        headers: z.object({
          Location: LocationHeader,
          'Preference-Applied': z.literal('wait').optional(),
          'Idempotent-Replayed': z.literal('true').optional(),
        }),
        example: { ...generationExample, status: 'queued', images: [], finishedAt: null },
      },
    },
    problems: {
      402: ['budget-exceeded'],
      403: ['no-department', 'forbidden'],
      404: ['not-found'],
      409: ['idempotency-key-reused', 'conflict'],
      422: ['prompt-blocked'],
      429: ['rate-limited'],
      503: ['no-provider-available', 'service-unavailable'],
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/generations',
    operationId: 'listGenerations',
    tag: 'Generations',
    summary: 'List generations, newest first',
    who: '`mine`: anyone; `department`: power users, managers, admins; `all`: admins',
    description:
      "`q` searches prompts (case-insensitive); `status` keeps one state (the add-in's recent images).",
    params: { query: GenerationListQuery },
    responses: {
      200: {
        description: 'A page',
        schema: GenerationPage,
        example: { items: [generationExample], nextCursor: null },
      },
    },
    problems: { 403: ['forbidden'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/generations/{id}',
    operationId: 'getGeneration',
    tag: 'Generations',
    summary: 'One generation',
    who: 'the owner; power users and managers of the same department; admins',
    params: { path: ById },
    responses: { 200: { description: 'The generation', schema: GenerationView, example: generationExample } },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'delete',
    path: '/api/v1/generations/{id}',
    operationId: 'deleteGeneration',
    tag: 'Generations',
    summary: 'Delete a generation (soft, audited)',
    who: "the owner; the department's managers; admins",
    description:
      'Its images stop being served, signed links included. An unfinished generation is stopped: a pending ' +
      'approval expires, a queued job is cancelled and its reservation released, a running one stops at its next ' +
      'safe step; once the worker is storing its images the delete is 409 `conflict`.',
    params: { path: ById },
    responses: { 204: { description: 'Deleted' } },
    problems: { 403: ['forbidden'], 404: ['not-found'], 409: ['conflict'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/images/{id}',
    operationId: 'getImage',
    tag: 'Generations',
    summary: 'An image: PNG with provenance (XMP), or a size-bounded copy',
    who: 'who may see the generation',
    description:
      'Without a query, the stored PNG. `format` and `maxBytes` ask for a copy that fits a byte limit (the Office ' +
      "add-in's 5 MB): a JPEG or a smaller PNG that keeps the provenance XMP; `X-Image-Width` and `X-Image-Height` " +
      'give its pixel size.',
    params: { path: ImageId, query: ImageVariantQuery, header: ConditionalGetHeaders },
    responses: {
      200: {
        description: 'The PNG, or the copy asked for',
        mediaTypes: ['image/png', 'image/jpeg'],
        headers: imageHeaders.extend({
          'X-Image-Width': z.string().regex(/^\d+$/).optional(),
          'X-Image-Height': z.string().regex(/^\d+$/).optional(),
        }),
      },
      304: { description: 'Not modified' },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/images/{id}/thumbnail',
    operationId: 'getImageThumbnail',
    tag: 'Generations',
    summary: "An image's 256 px WebP thumbnail",
    who: 'who may see the generation',
    params: { path: ImageId, header: ConditionalGetHeaders },
    responses: {
      200: { description: 'The WebP', mediaTypes: ['image/webp'], headers: imageHeaders },
      304: { description: 'Not modified' },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/images/{id}/signed',
    operationId: 'getSignedImage',
    tag: 'Generations',
    summary: 'An image through a signed, expiring link (Teams cards)',
    who: 'anyone holding the link: the link is the permission',
    public: true,
    paramsFailAsNotFound: true,
    description:
      'Teams loads card images without a token, so cards carry these links. Every failure (bad or expired ' +
      'signature, deleted generation, unknown image) is the same 404.',
    params: { path: ImageId, query: SignedLink, header: ConditionalGetHeaders },
    responses: {
      200: { description: 'The PNG', mediaTypes: ['image/png'], headers: imageHeaders },
      304: { description: 'Not modified' },
    },
    problems: { 404: ['not-found'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/images/{id}/thumbnail/signed',
    operationId: 'getSignedImageThumbnail',
    tag: 'Generations',
    summary: "An image's thumbnail through a signed, expiring link",
    who: 'anyone holding the link',
    public: true,
    paramsFailAsNotFound: true,
    params: { path: ImageId, query: SignedLink, header: ConditionalGetHeaders },
    responses: {
      200: { description: 'The WebP', mediaTypes: ['image/webp'], headers: imageHeaders },
      304: { description: 'Not modified' },
    },
    problems: { 404: ['not-found'] },
  }),
];
