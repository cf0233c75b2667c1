// The insert panel (issue #12 "Insert"): alt text prefilled from the prompt and editable, never empty unless the
// image is marked decorative; the host's refusal shown with what to do; a host that cannot insert says why before
// anyone clicks. The host is a recording stand-in; the API a table-driven fetch (web/test/fakes.ts).
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AuthProvider, SessionTheme, SignInGate, type HostSession } from '@donatello/web';
import { DEV_CONFIG, fakeFetch, fakeToken, json } from '../../../web/test/fakes.ts';
import {
  MAX_INSERT_BYTES,
  readOnly,
  type HostCapabilities,
  type InsertRequest,
  type OfficeHost,
} from '../host/index.ts';
import { DocumentHostProvider } from '../pane/document-host.tsx';
import { InsertPanel } from './InsertPanel.tsx';

const GENERATION = '0b6f4a4e-8d5c-4c0a-9a43-6f1f2f1c2e3d';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const ME = {
  user: {
    id: 'id-alice',
    objectId: 'id-alice',
    tenantId: 't',
    displayName: 'Alice',
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

function fakeHost(caps: Partial<HostCapabilities> = {}, refuse = false) {
  const requests: InsertRequest[] = [];
  const host: OfficeHost = {
    kind: 'powerpoint',
    capabilities: async () => ({
      kind: 'powerpoint',
      name: 'PowerPoint',
      canInsert: true,
      cannotInsertBecause: null,
      altText: true,
      decorative: true,
      provenanceTag: true,
      knowsPageSize: true,
      maxImageBytes: MAX_INSERT_BYTES,
      ...caps,
    }),
    defaultAspect: async () => '1792x1024',
    selectionInfo: async () => ({
      summary: 'Inserts on slide 3, centred.',
      picturePlaceholder: false,
      slide: 3,
    }),
    insertImage: async (req) => {
      requests.push(req);
      if (refuse) throw readOnly('PowerPoint');
      return {
        size: { width: 819, height: 468 },
        position: { left: 70.5, top: 36 },
        altText: req.decorative ? 'decorative' : 'set',
        tagged: true,
        replacedPlaceholder: false,
        notes: [],
      };
    },
  };
  return { host, requests };
}

function renderPanel(host: OfficeHost) {
  const net = fakeFetch({
    'GET /api/v1/me': () => json(ME),
    [`GET /api/v1/images/${GENERATION}_0`]: () =>
      new Response(PNG, { headers: { 'content-type': 'image/png' } }),
  });
  const session: HostSession = {
    kind: 'office',
    tokens: { method: 'dev', getToken: async () => fakeToken('alice') },
    theme: null,
    deepLink: null,
  };
  render(
    <AuthProvider connect={async () => ({ config: DEV_CONFIG, session })} fetch={net.fetch}>
      <SessionTheme>
        <SignInGate>
          <DocumentHostProvider host={host}>
            <InsertPanel
              source={{
                generationId: GENERATION,
                image: { url: `/api/v1/images/${GENERATION}_0`, width: 1792, height: 1024 },
              }}
              prompt={'a koala presenting\nquarterly results'}
            />
          </DocumentHostProvider>
        </SignInGate>
      </SessionTheme>
    </AuthProvider>,
  );
  return net;
}

const altText = () => screen.getByRole('textbox', { name: 'Alt text' });
const insertButton = () => screen.getByRole('button', { name: /Insert/ });

describe('InsertPanel', () => {
  it('prefills the alt text from the prompt, says where it goes, and inserts with it', async () => {
    const { host, requests } = fakeHost();
    renderPanel(host);
    await screen.findByText('Inserts on slide 3, centred.');
    expect((altText() as HTMLTextAreaElement).value).toBe(
      'AI-generated image: a koala presenting quarterly results',
    );
    await userEvent.click(insertButton());
    expect(await screen.findByText(/On slide 3, 819 × 468 pt, with its alt text\./)).toBeTruthy();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      altTitle: 'AI-generated image',
      altDescription: 'AI-generated image: a koala presenting quarterly results',
      decorative: false,
      generationId: GENERATION,
      widthPx: 1792,
      heightPx: 1024,
    });
    expect([...(requests[0]!.image as Uint8Array)]).toEqual([...PNG]);
  });

  it('never inserts with empty alt text; decorative is the way to go without', async () => {
    const { host, requests } = fakeHost();
    renderPanel(host);
    await screen.findByText('Inserts on slide 3, centred.');
    await userEvent.clear(altText());
    expect(await screen.findByText(/Describe the image for people who cannot see it/)).toBeTruthy();
    expect(insertButton()).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('checkbox', { name: /Mark as decorative/ }));
    expect(insertButton()).toHaveProperty('disabled', false);
    await userEvent.click(insertButton());
    expect(await screen.findByText(/marked as decorative/)).toBeTruthy();
    expect(requests[0]).toMatchObject({ altTitle: '', altDescription: '', decorative: true });
  });

  it("shows the host's refusal with what to do, and inserts nothing else", async () => {
    const { host, requests } = fakeHost({}, true);
    renderPanel(host);
    await screen.findByText('Inserts on slide 3, centred.');
    await userEvent.click(insertButton());
    expect(await screen.findByText(/This presentation is read-only/)).toBeTruthy();
    expect(screen.getByText(/Select Edit \(or ask the owner for edit access\)/)).toBeTruthy();
    expect(requests).toHaveLength(1);
  });

  it('says before any click why this document cannot take a picture', async () => {
    const { host, requests } = fakeHost({
      canInsert: false,
      cannotInsertBecause: 'This version of Word cannot insert pictures from an add-in.',
    });
    renderPanel(host);
    expect(await screen.findByText(/This version of Word cannot insert pictures/)).toBeTruthy();
    await waitFor(() => expect(insertButton()).toHaveProperty('disabled', true));
    expect(requests).toEqual([]);
  });

  it('tells Word users that decorative must be ticked by hand', async () => {
    const { host } = fakeHost({ kind: 'word', name: 'Word', decorative: false });
    renderPanel(host);
    await screen.findByText('Inserts on slide 3, centred.');
    await userEvent.click(screen.getByRole('checkbox', { name: /Mark as decorative/ }));
    expect(await screen.findByText(/Word cannot mark a picture as decorative from an add-in/)).toBeTruthy();
  });
});
