// The Share button of the top bar and its panel: a link that carries the project's files in its fragment (no server
// keeps them), with Copy. The link follows the files while the panel is open.
import { useEffect, useRef, useState } from 'react';
import { makeShareLink } from '../../services/sharing';
import { useStore } from '../../state/store';
import { selectAppName, selectFiles, selectShareLink } from '../../state/selectors';

export function ShareButton() {
  const [open, setOpen] = useState(false);
  // How the link was last copied, for that link only: a link made since is not copied yet.
  const [copiedAs, setCopiedAs] = useState<{ url: string; how: 'copied' | 'select' }>();
  const files = useStore(selectFiles);
  const demo = useStore(selectAppName);
  const link = useStore(selectShareLink);
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) void makeShareLink();
  }, [open, files, demo]);

  const url = link && 'url' in link ? link.url : undefined;
  // The field has the focus from the moment the panel opens; the link arrives a moment later, selected for Ctrl+C.
  useEffect(() => {
    if (url && document.activeElement === field.current) field.current?.select();
  }, [url]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const copied = copiedAs && copiedAs.url === url ? copiedAs.how : undefined;
  const copy = async (text: string) => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(text);
      setCopiedAs({ url: text, how: 'copied' });
    } catch {
      // No clipboard access (an insecure origin, a refused permission): the text is selected for Ctrl+C instead.
      setCopiedAs({ url: text, how: 'select' });
    }
  };

  return (
    <div className="share-control">
      <button
        ref={button}
        type="button"
        data-testid="share"
        aria-expanded={open}
        aria-controls="share-panel"
        onClick={() => setOpen(!open)}
        disabled={!demo}
      >
        Share
      </button>
      {open && (
        <div
          className="share-panel"
          id="share-panel"
          role="dialog"
          aria-label="Share this project"
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          {link && 'error' in link ? (
            <p className="share-error" role="alert" data-testid="share-error">
              No link: {link.error}.
            </p>
          ) : (
            <>
              <label htmlFor="share-link">Link to this project as it is now</label>
              <div className="share-row">
                <input
                  id="share-link"
                  ref={field}
                  data-testid="share-link"
                  autoFocus
                  readOnly
                  value={url ?? ''}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <button type="button" data-testid="share-copy" disabled={!url} onClick={() => url && void copy(url)}>
                  Copy
                </button>
              </div>
              <p className="hint" aria-live="polite">
                {copied === 'copied'
                  ? 'Copied to the clipboard.'
                  : copied === 'select'
                    ? 'The browser refused the clipboard: the link is selected, press Ctrl+C (⌘C) to copy it.'
                    : `The link itself carries all files of the project (${Math.ceil((url?.length ?? 0) / 1024)} KB); no server keeps them. Whoever opens it sees and runs this project; their own saved edits stay as they are.`}
              </p>
            </>
          )}
          <button type="button" className="share-close" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
