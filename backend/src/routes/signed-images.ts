// GET /api/v1/images/:id/signed?tid=&exp=&sig= (and …/:id/thumbnail/signed): an image for Teams cards, without
// a bearer token. Every
// failure (bad or expired signature, deleted generation, unknown image) is the same 404, so a link says
// nothing about images it does not open.
import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../domain/errors.ts';
import type { ImageLinkSigner, ImageVariant } from '../identity/image-links.ts';
import type { Blob } from '../ports/blobs.ts';

export type SignedImageReader = (
  tenantId: string,
  imageId: string,
  variant: ImageVariant,
) => Promise<{ blob: Blob; sha256: string } | null>;

export function signedImageRoutes(signer: ImageLinkSigner, read: SignedImageReader): Router {
  const r = Router();
  const send = (variant: ImageVariant) => async (req: Request<{ id: string }>, res: Response) => {
    const id = req.params.id;
    const link = req.query as Record<string, unknown>;
    const found =
      id.length <= 64 && signer.verify(id, link, Date.now(), variant)
        ? await read(link.tid, id, variant)
        : null;
    if (!found) throw new NotFoundError('This image link is invalid or has expired, or the image');
    // The thumbnail is other bytes than the image: its own tag, as on the authenticated routes, so a cache
    // never answers one with the other.
    const etag = `"${found.sha256}${variant === 'thumbnail' ? '-t' : ''}"`;
    res.setHeader('ETag', etag);
    // The link is a credential: no shared caches, and a short life so a deletion takes effect soon.
    res.setHeader('Cache-Control', 'private, max-age=300');
    // Teams' web and desktop clients load card images from another origin.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('X-Robots-Tag', 'noindex');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type(found.blob.contentType).send(found.blob.bytes);
  };
  r.get('/api/v1/images/:id/signed', send('full'));
  r.get('/api/v1/images/:id/thumbnail/signed', send('thumbnail'));
  return r;
}
