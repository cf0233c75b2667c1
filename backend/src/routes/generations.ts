import { Router, type Request, type Response } from 'express';
import {
  GenerationId,
  GenerationListQuery,
  GenerationRequest,
  IdempotencyKey,
  ImageVariantQuery,
} from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { GenerationService } from '../generations/service.ts';
import type { GenerationWorker } from '../generations/worker.ts';
import { generationView, type GenerationRecord } from '../generations/record.ts';
import type { Versioned } from '../ports/store.ts';
import { AppError } from '../domain/errors.ts';
import { PromptBlockedError } from '../generations/errors.ts';
import { imageVariant } from '../generations/image-variant.ts';

/** `Prefer: wait=N` (RFC 7240): wait up to N seconds (at most 60) for the result. */
export const MAX_WAIT_SECONDS = 60;

export function preferWaitSeconds(header: string | undefined): number {
  const m = /(?:^|[,;\s])wait\s*=\s*(\d+)/i.exec(header ?? '');
  return m ? Math.min(Number(m[1]), MAX_WAIT_SECONDS) : 0;
}

/** A finished failure answers as the problem it was; anything else as the record. */
function respond(res: Response, doc: Versioned<GenerationRecord>, waited: boolean): void {
  const g = doc.data;
  // Deleted while the caller waited (or before a replay): gone, like every other read of it.
  if (g.deletedAt) throw new NotFoundError(`Generation ${doc.id}`);
  const location = `/api/v1/generations/${doc.id}`;
  if ((g.status === 'failed' || g.status === 'rejected' || g.status === 'expired') && g.error) {
    const status =
      g.error.code === 'prompt-blocked'
        ? 422
        : g.error.code === 'budget-exceeded'
          ? 402
          : g.error.code === 'internal'
            ? 500
            : 503;
    throw new AppError(g.error.code as never, status, 'The generation failed', g.error.message, {
      generationId: doc.id,
    });
  }
  if (g.status === 'blocked') throw new PromptBlockedError(g.safety.findings, doc.id);
  if (waited) res.setHeader('Preference-Applied', 'wait');
  const finished = g.status === 'succeeded';
  res
    .status(finished ? 201 : 202)
    .location(location)
    .json(generationView(doc.id, g));
}

export function generationRoutes(service: GenerationService, worker: GenerationWorker): Router {
  const r = Router();
  r.post('/api/v1/estimates', async (req, res) => {
    res.json(await service.estimate(actorOf(res), parse(GenerationRequest, req.body)));
  });

  r.post('/api/v1/generations', async (req, res) => {
    const actor = actorOf(res);
    const input = parse(GenerationRequest, req.body);
    const keyHeader = req.header('idempotency-key');
    const key =
      keyHeader === undefined ? undefined : parse(IdempotencyKey, keyHeader, 'header.Idempotency-Key');
    const wait = preferWaitSeconds(req.header('prefer'));
    const { doc, replayed } = await service.create(actor, input, key);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    const latest = wait > 0 ? ((await worker.waitFor(doc.pk, doc.id, wait * 1000)) ?? doc) : doc;
    respond(res, latest, wait > 0);
  });

  r.get('/api/v1/generations', async (req, res) => {
    const q = parse(GenerationListQuery, req.query, 'query');
    const page = await service.listJson(actorOf(res), {
      scope: q.scope,
      limit: q.limit,
      ...(q.q ? { q: q.q } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    // What res.json sends, without serialising the page again: the same Content-Type, and the page's own
    // ETag (gallery.ts), which res.send answers 304 for when the caller already holds it.
    res.set('Content-Type', 'application/json');
    res.set('ETag', page.etag);
    res.send(page.json);
  });

  r.get('/api/v1/generations/:id', async (req, res) => {
    res.json(await service.get(actorOf(res), parse(GenerationId, req.params.id, 'path.id')));
  });

  r.delete('/api/v1/generations/:id', async (req, res) => {
    await service.remove(actorOf(res), parse(GenerationId, req.params.id, 'path.id'));
    res.status(204).end();
  });

  const sendImage = (variant: 'full' | 'thumbnail') => async (req: Request, res: Response) => {
    const id = req.params.id;
    if (typeof id !== 'string' || id.length > 64) throw new ValidationError('Bad image id');
    // The full image takes ?format=jpeg&maxBytes=N (a size-bounded copy, e.g. for Office's 5 MB limit).
    const wanted = variant === 'full' ? parse(ImageVariantQuery, req.query, 'query') : null;
    const copy = wanted && (wanted.format !== 'png' || wanted.maxBytes !== undefined);
    const { blob, sha256 } = await service.image(actorOf(res), id, variant);
    const suffix =
      variant === 'thumbnail' ? '-t' : copy ? `-${wanted.format}-${wanted.maxBytes ?? 'any'}` : '';
    const etag = `"${sha256}${suffix}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    if (!copy) {
      res.type(blob.contentType).send(blob.bytes);
      return;
    }
    const out = await imageVariant(blob.bytes, wanted);
    res.setHeader('X-Image-Width', String(out.width));
    res.setHeader('X-Image-Height', String(out.height));
    res.type(out.contentType).send(out.bytes);
  };
  r.get('/api/v1/images/:id', sendImage('full'));
  r.get('/api/v1/images/:id/thumbnail', sendImage('thumbnail'));
  return r;
}
