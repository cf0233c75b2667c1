// A bot card's "Open in gallery" arrives in Teams as the tab's subPageId: after sign-in the tab opens that image's
// detail, once, and anything that is not a generation id is ignored.
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  AuthProvider,
  RouterProvider,
  SessionTheme,
  SignInGate,
  createMemoryHistory,
  type HostSession,
} from '@donatello/web';
import { DEV_CONFIG, fakeFetch, fakeToken, json } from '../../web/test/fakes.ts';
import { App } from './App.tsx';

const ID = '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const ME = {
  user: {
    id: 'a',
    objectId: 'a',
    tenantId: 't',
    displayName: 'Alice Nguyen',
    username: null,
    role: 'standard_user',
    departmentId: 'marketing',
    createdAt: '',
    updatedAt: '',
  },
  roles: ['standard_user'],
  department: { id: 'marketing', name: 'Marketing' },
  budget: null,
};
const GENERATION = {
  id: ID,
  status: 'succeeded',
  prompt: 'a koala from a card',
  negativePrompt: null,
  model: 'local-scene',
  provider: 'local',
  size: '1024x1024',
  quality: 'standard',
  style: null,
  n: 1,
  purpose: 'internal',
  costAud: '0.0200',
  owner: { objectId: 'a', displayName: 'Alice Nguyen' },
  departmentId: 'marketing',
  images: [],
  safety: { decision: 'allow', findings: [] },
  error: null,
  approval: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:00:00.000Z',
};

function start(deepLink: string | null) {
  const net = fakeFetch({
    'GET /api/v1/me': () => json(ME),
    'GET /api/v1/generations': () => json({ items: [], nextCursor: null }),
    [`GET /api/v1/generations/${ID}`]: () => json(GENERATION),
  });
  const history = createMemoryHistory('/gallery');
  const session: HostSession = {
    kind: 'teams',
    tokens: { method: 'teams-sso', getToken: async () => fakeToken() },
    theme: { current: () => 'dark', subscribe: () => () => {} },
    deepLink,
  };
  render(
    <AuthProvider connect={async () => ({ config: DEV_CONFIG, session })} fetch={net.fetch}>
      <SessionTheme>
        <RouterProvider history={history}>
          <SignInGate>
            <App />
          </SignInGate>
        </RouterProvider>
      </SessionTheme>
    </AuthProvider>,
  );
  return { history, net };
}

describe('Teams deep link', () => {
  it("opens the image the card's subPageId names, in the host's theme", async () => {
    const { history } = start(JSON.stringify({ subEntityId: ID }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(await screen.findByText('a koala from a card', { selector: 'p' })).toBeTruthy();
    expect(history.current().path).toBe(`/gallery/${ID}`);
    expect(document.querySelector('[data-theme="dark"]')).not.toBeNull();
  });

  it('ignores a subPageId that is not a generation id', async () => {
    const { history, net } = start('../admin');
    expect(await screen.findByText('No images yet')).toBeTruthy();
    await waitFor(() => expect(net.calls.some((c) => c.path.startsWith('/api/v1/generations'))).toBe(true));
    expect(history.current().path).toBe('/gallery');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
