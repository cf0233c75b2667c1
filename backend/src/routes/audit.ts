import { Router, type Response } from 'express';
import { AuditExportQuery, AuditQuery } from '@donatello/contracts';
import { actorOf } from '../http/authenticate.ts';
import { parse } from '../http/validate.ts';
import { AuditService } from '../audit/reader.ts';
import type { AuditTrail } from '../audit/trail.ts';
import type { Authorizer } from '../authorization/authorizer.ts';

/**
 * Writes one chunk, waiting for the socket to drain when its buffer is full, so a slow reader slows the
 * store reads instead of filling memory. False once the client has gone.
 */
function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

export function auditRoutes(audit: AuditTrail, authz: Authorizer): Router {
  const service = new AuditService(audit, authz);
  const r = Router();
  r.get('/api/v1/audit', async (req, res) => {
    const { cursor, limit, ...filters } = parse(AuditQuery, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.list(actorOf(res), filters, { cursor: cursor ?? null, limit }));
  });
  r.get('/api/v1/audit/verify', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await service.verify(actorOf(res)));
  });
  r.get('/api/v1/audit/export', async (req, res) => {
    const { format, ...filters } = parse(AuditExportQuery, req.query, 'query');
    const file = await service.export(actorOf(res), filters, format);
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Audit-Record-Count', String(file.count));
    for await (const chunk of file.chunks) {
      // The client went away: stop reading the store (leaving the loop closes the generator).
      if (!(await write(res, chunk))) return;
    }
    res.end();
  });
  return r;
}
