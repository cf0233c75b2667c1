// Saving what the API sends (images, CSV and JSONL exports) and copying links, in a browser or a host's web view.

/** Saves a Blob under a file name through a temporary object URL. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download starts asynchronously in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text; false when the host refuses the clipboard (some embedded frames), so the page can show it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
