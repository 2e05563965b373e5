// The banner of a page opened from a share link: the shared project is shown and nothing is saved until the visitor
// keeps it; keeping it over saved edits of the same demo asks first. A link that could not be opened says why.
import {
  backToOwnProject,
  cancelKeep,
  confirmKeep,
  dismissShareVisit,
  exportSavedEdits,
  keepSharedCopy,
} from '../../services/sharing';
import { useStore } from '../../state/store';
import { selectApps, selectAppName, selectKeepQuestion, selectShareVisit } from '../../state/selectors';

export function ShareBanner() {
  const visit = useStore(selectShareVisit);
  const question = useStore(selectKeepQuestion);
  const apps = useStore(selectApps);
  const current = useStore(selectAppName);
  if (!visit) return null;
  const title = (demo: string) => apps.find((a) => a.name === demo)?.title ?? demo;

  if (visit.kind === 'failed')
    return (
      <div className="share-banner failed" role="alert" data-testid="share-banner" data-kind="failed">
        <span>
          This shared link cannot be opened: {visit.message}. Your own project opened as usual; nothing was changed.
        </span>
        <button type="button" data-testid="share-dismiss" onClick={dismissShareVisit}>
          Dismiss
        </button>
      </div>
    );

  if (visit.kind === 'kept')
    return (
      <div className="share-banner kept" role="status" data-testid="share-banner" data-kind="kept">
        <span>
          Kept: the shared project is now your saved version of {title(visit.demo)}. <em>Restore demo</em> returns to
          the demo as shipped.
        </span>
        <button type="button" data-testid="share-dismiss" onClick={dismissShareVisit}>
          Dismiss
        </button>
      </div>
    );

  return (
    <div className="share-banner shared" role="status" data-testid="share-banner" data-kind="shared">
      <span>
        <strong>Shared project</strong> — {title(visit.demo)} as it was shared with you. Nothing on this page is saved:
        your own saved edits of {title(visit.demo)} are untouched.
      </span>
      <button
        type="button"
        data-testid="share-keep"
        disabled={current !== visit.demo || question !== undefined}
        onClick={() => void keepSharedCopy()}
      >
        Keep a copy
      </button>
      <button type="button" data-testid="share-back" onClick={() => void backToOwnProject()}>
        Back to my project
      </button>
      {question && (
        <div
          className="keep-question"
          role="alertdialog"
          aria-label="Replace your saved edits?"
          data-testid="keep-question"
        >
          <span>
            You have saved edits of {title(question.demo)}. Keeping the shared project replaces them, and Restore demo
            cannot bring them back.
          </span>
          <button type="button" data-testid="keep-download-mine" onClick={() => void exportSavedEdits()}>
            Download my edits (.zip)
          </button>
          <button type="button" data-testid="keep-replace" onClick={() => void confirmKeep()}>
            Replace my edits
          </button>
          {/* The question takes the focus on its safe answer, so Enter never replaces anything by accident. */}
          <button type="button" data-testid="keep-cancel" onClick={cancelKeep} autoFocus>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
