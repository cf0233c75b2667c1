// One server span per HTTP request, carrying the request id the logs carry (X-Request-Id), so a request in
// Application Insights leads to its log lines and back. It joins a caller's trace (W3C traceparent). If an HTTP
// instrumentation already made a span for the request, that span gets the attributes instead of a second one.
// Mounted right after the request logger, which assigns the id; without telemetry it is never mounted.
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

export const REQUEST_ID_ATTRIBUTE = 'request.id';

export function requestTrace(): RequestHandler {
  const tracer = trace.getTracer('donatello-backend');
  return (req, res, next) => {
    const id = (req as { id?: unknown }).id;
    const requestId = typeof id === 'string' || typeof id === 'number' ? String(id) : '';
    const path = req.path;
    const current = trace.getSpan(context.active());
    if (current?.isRecording()) {
      current.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
      next();
      return;
    }
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${req.method} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.scheme': req.protocol,
          'url.path': path,
          'url.full': `${req.protocol}://${req.get('host') ?? 'localhost'}${path}`,
          'server.address': req.hostname,
          [REQUEST_ID_ATTRIBUTE]: requestId,
        },
      },
      parent,
    );
    // 'close' comes for every response, finished or aborted.
    res.once('close', () => {
      // The route template, not the path: ids in span names would make every request its own operation.
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route === 'string') {
        span.setAttribute('http.route', `${req.baseUrl}${route}`);
        span.updateName(`${req.method} ${req.baseUrl}${route}`);
      } else {
        span.updateName(req.method);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
