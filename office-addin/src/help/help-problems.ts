// What the pane may say when something goes wrong, and what to do: the help page's list. Each entry is one of
// the messages the hosts really throw (host/errors.ts, office-common.ts) or the API's problems, in short.

export interface HelpProblem {
  says: string;
  todo: string;
}

export const HELP_PROBLEMS: readonly HelpProblem[] = [
  {
    says: 'This version of PowerPoint (or Word) cannot insert pictures from an add-in',
    todo: 'Update Office (File > Account > Update Options), or use PowerPoint or Word on the web.',
  },
  {
    says: 'This presentation (or document) is read-only',
    todo: 'Select Edit, or ask the owner for edit access, then insert again from Recent images.',
  },
  {
    says: 'The image is larger than Office accepts',
    todo: 'Insert it again: DonatelloAI sends a smaller JPEG copy of the same image (it does so by itself first).',
  },
  {
    says: 'PowerPoint cannot put a picture where the selection is',
    todo: 'Click an empty area of the slide so that no other picture is selected, then insert again.',
  },
  {
    says: 'Your session has expired',
    todo: 'Reload the document (refresh the browser tab on the web), then insert again from Recent images.',
  },
  {
    says: 'Alt text could not be added automatically',
    todo: 'Right-click the picture, choose View Alt Text and paste the description the pane shows.',
  },
  {
    says: 'Waiting for approval',
    todo: 'Nothing to do: the request runs as soon as a manager approves it, and the pane updates by itself.',
  },
  {
    says: 'Over the hard limit / This prompt cannot be used',
    todo: 'Ask a manager about the budget, or remove what the pane says it found in the prompt.',
  },
  {
    says: 'Sign in again, or a Sign in button',
    todo: 'Select Sign in and allow the window Office opens; if it is blocked, allow pop-ups for this site.',
  },
];
