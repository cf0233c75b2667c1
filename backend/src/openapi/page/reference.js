// The API reference page (GET /api/v1/docs): Swagger UI over this server's own OpenAPI document. Loaded as a
// file, never inline, because the CSP allows scripts from this origin only. "Try it out" calls this origin, so
// it works wherever the page is opened from, with the token chosen in the bar above: in development a dev token
// for a seeded user, anywhere an access token the person pastes (kept in memory only).
(function () {
  'use strict';

  const DEV_SCHEME = 'devToken';
  const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;
  /** A token pasted into the bar: sent with every call to this origin until another is chosen. */
  let pastedToken = null;

  function start(spec) {
    // Calls go to the origin the page came from: the document's own server URL (PUBLIC_BASE_URL) may be
    // another name for it that the browser would treat as cross-origin.
    const others = (spec.servers || []).filter((s) => s.url !== location.origin);
    spec.servers = [{ url: location.origin, description: 'This server' }, ...others];
    const ui = SwaggerUIBundle({
      spec,
      dom_id: '#swagger-ui',
      deepLinking: true,
      // No badge from the public validator service: the page makes no outside requests.
      validatorUrl: null,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      filter: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      requestInterceptor: (req) => {
        if (pastedToken && new URL(req.url, location.href).origin === location.origin) {
          req.headers.Authorization = `Bearer ${pastedToken}`;
        }
        return req;
      },
    });
    window.ui = ui;
    wireDevSignIn(ui, spec);
    wireTokenSignIn();
  }

  function wireTokenSignIn() {
    const form = document.getElementById('token-sign-in');
    const status = document.getElementById('token-status');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = form.elements.token.value.trim().replace(/^Bearer\s+/i, '');
      if (!TOKEN.test(token)) {
        status.textContent = 'That does not look like an access token.';
        return;
      }
      pastedToken = token;
      form.elements.token.value = '';
      const dev = document.getElementById('dev-status');
      if (dev) dev.textContent = '';
      status.textContent = '"Try it out" sends this token (until the page is reloaded).';
    });
  }

  function wireDevSignIn(ui, spec) {
    const form = document.getElementById('dev-sign-in');
    if (!form) return;
    const status = document.getElementById('dev-status');
    const hasScheme = Boolean(
      spec.components && spec.components.securitySchemes && spec.components.securitySchemes[DEV_SCHEME],
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const user = form.elements.user.value;
      status.textContent = 'Signing in…';
      fetch('/dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      })
        .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`dev token: ${res.status}`))))
        .then((token) => {
          if (!hasScheme) throw new Error('this server has no dev issuer');
          ui.preauthorizeApiKey(DEV_SCHEME, token.accessToken);
          pastedToken = null;
          status.textContent = `Signed in as ${user} for an hour: "Try it out" sends this token.`;
          document.body.dataset.devUser = user;
        })
        .catch((err) => {
          status.textContent = `Could not sign in: ${err.message}`;
        });
    });
  }

  fetch(document.body.dataset.spec)
    .then((res) => res.json())
    .then(start)
    .catch((err) => {
      document.getElementById('swagger-ui').textContent =
        `The API description could not be loaded: ${err.message}`;
    });
})();
