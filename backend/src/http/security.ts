// Security headers. Pages are embedded by Teams and Microsoft 365 hosts only (frame-ancestors), so the
// legacy X-Frame-Options header, which cannot express that list, is off. The Office add-in's pages get their own
// policy (officePagePolicy): Office on the web frames them from other hosts, and they load Office.js from
// Microsoft's CDN, which nothing else may.
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

/**
 * Where PowerPoint and Word frame the task pane: Office on the web runs in `*.officeapps.live.com` frames inside
 * SharePoint, OneDrive for work, office.com, microsoft365.com and `*.cloud.microsoft` pages (and Teams, where a
 * file is opened there); every ancestor must be listed. The desktop apps load the pane top-level in a web view.
 */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
];

/**
 * Office.js, as AppSource requires, from Microsoft's CDN. The source is the library's folder, not the one file:
 * office.js loads its host-specific parts (`powerpoint-web-16.00.js`, `en-us/office_strings.js`, …) from the
 * same folder, and a CSP path without a trailing slash would refuse them. Nothing else on that host, nor any
 * other host, may run script in the pages.
 */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const OFFICE_JS_SOURCE = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

function directives(signIn: string[], frameAncestors: string[], scripts: string[]) {
  return {
    defaultSrc: ["'self'"],
    frameAncestors,
    imgSrc: ["'self'", 'data:', 'blob:'],
    // Nothing else: no CDN at run time (teams-js falls back to its built-in list of Teams origins when its
    // CDN fetch is refused).
    connectSrc: ["'self'", ...signIn],
    frameSrc: ["'self'", ...signIn],
    scriptSrc: ["'self'", ...scripts],
    // Fluent UI injects its styles at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  };
}

export interface SecurityHeaderOptions {
  /**
   * Where the web pages sign in (Microsoft Entra): MSAL exchanges codes there (connect-src) and renews tokens in
   * a hidden frame (frame-src). Empty in the embedded mode, where sign-in is the backend's own /dev/token.
   */
  signInOrigins?: string[];
}

export function securityHeaders(opts: SecurityHeaderOptions = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: directives(opts.signInOrigins ?? [], FRAME_ANCESTORS, []),
    },
    xFrameOptions: false,
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/** The add-in's pages: framed by Office's hosts, and Office.js from its CDN (replaces the policy above). */
export function officePagePolicy(opts: SecurityHeaderOptions = {}): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: true,
    directives: directives(opts.signInOrigins ?? [], OFFICE_FRAME_ANCESTORS, [OFFICE_JS_SOURCE]),
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
