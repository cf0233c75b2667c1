// One generation in full (/gallery/:id): the image, what made it (prompt, model, provider, size, cost, who and
// when, provenance hash) and what can be done with it: Download, Copy link (a Teams deep link), Regenerate,
// Share to chat (in Teams), Delete (owner, the department's managers, admins; after a confirmation).
import type { GenerationView } from '@donatello/contracts';
import { galleryDeepLink, roleRank } from '@donatello/contracts';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  ArrowRepeatAllRegular,
  DeleteRegular,
  LinkRegular,
  ShareRegular,
} from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { ProblemBar, copyText, saveFile, useNavigate, useSignedIn } from '@donatello/web';
import { DetailFacts } from './DetailFacts.tsx';
import { DetailImage } from './DetailImage.tsx';

const useStyles = makeStyles({
  surface: { maxWidth: 'min(1100px, 96vw)', width: '100%' },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)',
    gap: tokens.spacingHorizontalXL,
    '@media (max-width: 760px)': { gridTemplateColumns: '1fr' },
  },
  actions: { flexWrap: 'wrap' },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

export function canDelete(
  me: { objectId: string; role: Parameters<typeof roleRank>[0]; departmentId: string | null },
  g: GenerationView,
): boolean {
  if (g.owner.objectId === me.objectId) return true;
  if (roleRank(me.role) >= roleRank('org_admin')) return true;
  return me.role === 'dept_manager' && me.departmentId === g.departmentId;
}

export function ImageDetail({
  id,
  known,
  onClose,
  onDeleted,
}: {
  id: string;
  known: GenerationView | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const styles = useStyles();
  const { api, me, config, session } = useSignedIn();
  const navigate = useNavigate();
  const [g, setG] = useState<GenerationView | null>(known);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState(0);
  const [note, setNote] = useState<{ text: string; link?: string } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    let live = true;
    api.generation(id).then(
      (fresh) => live && setG(fresh),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  const image = g?.images[selected] ?? g?.images[0] ?? null;
  const webUrl = `${location.href.split('#')[0]}#/gallery/${id}`;
  const link = config.teamsAppId ? galleryDeepLink(config.teamsAppId, id) : webUrl;

  const run = async (what: () => Promise<void>) => {
    setActionError(null);
    setNote(null);
    try {
      await what();
    } catch (err) {
      setActionError(err);
    }
  };
  const download = () =>
    run(async () => {
      if (!image) return;
      const blob = await api.imageBlob(image.url);
      saveFile(blob, `donatello-${id.slice(0, 8)}-${selected + 1}.png`);
    });
  const copy = () =>
    run(async () => {
      setNote((await copyText(link)) ? { text: 'Link copied.' } : { text: 'Copy this link:', link });
    });
  const share = () =>
    run(async () => {
      await session.shareToChat?.({ subPageId: id, label: g?.prompt.slice(0, 80) ?? 'Image', webUrl });
    });
  const remove = () =>
    run(async () => {
      setDeleting(true);
      try {
        await api.deleteGeneration(id);
        setConfirming(false);
        onDeleted(id);
      } finally {
        setDeleting(false);
      }
    });

  const title = g ? (g.prompt.length > 90 ? `${g.prompt.slice(0, 90)}…` : g.prompt) : 'Image';
  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label="Image details">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {!g && !error ? <Spinner label="Loading…" /> : null}
            {error ? <ProblemBar error={error} /> : null}
            {g ? (
              <div className={styles.layout}>
                <DetailImage generation={g} selected={selected} onSelect={setSelected} />
                <div className={styles.side}>
                  <DetailFacts generation={g} image={image} />
                  {note ? (
                    <MessageBar intent="success">
                      <MessageBarBody>
                        {note.text}
                        {note.link ? (
                          <Input
                            readOnly
                            value={note.link}
                            aria-label="Link to this image"
                            style={{ width: '100%' }}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                        ) : null}
                      </MessageBarBody>
                    </MessageBar>
                  ) : null}
                  <ProblemBar error={actionError} />
                </div>
              </div>
            ) : null}
          </DialogContent>
          <DialogActions className={styles.actions} fluid>
            {g && image ? (
              <Button icon={<ArrowDownloadRegular />} onClick={() => void download()}>
                Download
              </Button>
            ) : null}
            <Button icon={<LinkRegular />} onClick={() => void copy()}>
              Copy link
            </Button>
            {g ? (
              <Button icon={<ArrowRepeatAllRegular />} onClick={() => navigate(`/create?from=${id}`)}>
                Regenerate
              </Button>
            ) : null}
            {session.shareToChat && g ? (
              <Button icon={<ShareRegular />} onClick={() => void share()}>
                Share to chat
              </Button>
            ) : null}
            {g && canDelete(me.user, g) ? (
              <Button icon={<DeleteRegular />} onClick={() => setConfirming(true)}>
                Delete
              </Button>
            ) : null}
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
        {/* Nested inside the surface: Fluent stacks the confirmation over the details. */}
        <Dialog open={confirming} onOpenChange={(_e, d) => setConfirming(d.open)} modalType="alert">
          <DialogSurface aria-label="Delete this image?">
            <DialogBody>
              <DialogTitle>Delete this image?</DialogTitle>
              <DialogContent>
                It is removed from every gallery and its links stop working. The audit trail keeps a record of
                the deletion.
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" disabled={deleting} onClick={() => void remove()}>
                  {deleting ? 'Deleting…' : 'Delete'}
                </Button>
                <Button onClick={() => setConfirming(false)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </DialogSurface>
    </Dialog>
  );
}
