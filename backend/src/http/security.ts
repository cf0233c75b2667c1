// Security headers. Pages are embedded by Teams and Microsoft 365 hosts only (frame-ancestors), so the
// legacy X-Frame-Options header, which cannot express that list, is off.
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { UnsupportedMediaType } from './unsupported-media-type.ts';

export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

export interface SecurityHeaderOptions {
  /**
   * Where the web pages sign in (Microsoft Entra): MSAL exchanges codes there (connect-src) and renews tokens in
   * a hidden frame (frame-src). Empty in the embedded mode, where sign-in is the backend's own /dev/token.
   */
  signInOrigins?: string[];
}

export function securityHeaders(opts: SecurityHeaderOptions = {}): RequestHandler {
  const signIn = opts.signInOrigins ?? [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        frameAncestors: FRAME_ANCESTORS,
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Nothing else: no CDN at run time (teams-js falls back to its built-in list of Teams origins when its
        // CDN fetch is refused).
        connectSrc: ["'self'", ...signIn],
        frameSrc: ["'self'", ...signIn],
        scriptSrc: ["'self'"],
        // Fluent UI injects its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    xFrameOptions: false,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/** Bodies are JSON: a mutating request with any other content type gets 415 instead of a confusing 400. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (
    hasBody &&
    ['POST', 'PUT', 'PATCH'].includes(req.method) &&
    !req.is(['application/json', 'application/*+json'])
  ) {
    next(new UnsupportedMediaType());
    return;
  }
  next();
};
