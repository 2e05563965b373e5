// Says when edits are not safe: another tab saved this demo while this tab had unsaved edits (both versions are
// kept until the user picks one), or the browser cannot store edits at all.
import { resolveConflict } from '../../services/session';
import { useStore } from '../../state/store';
import { selectConflict, selectFiles, selectSaveProblem } from '../../state/selectors';

export function SaveNotices() {
  const conflict = useStore(selectConflict);
  const problem = useStore(selectSaveProblem);
  const files = useStore(selectFiles);
  const differing = conflict ? Object.keys(files).filter((p) => files[p] !== conflict.theirs[p]) : [];
  return (
    <>
      {problem && (
        <div className="save-notice problem" role="alert" data-testid="save-problem">
          {problem}
        </div>
      )}
      {conflict && (
        <div className="save-notice conflict" role="alert" data-testid="save-conflict">
          <span>
            Another tab saved this demo at {new Date(conflict.theirsSavedAt).toLocaleTimeString()} while this tab had
            unsaved edits
            {differing.length ? ` (they differ in ${differing.join(', ')})` : ''}. Both versions are kept until you
            choose:
          </span>
          <button type="button" data-testid="conflict-keep-mine" onClick={() => void resolveConflict('mine')}>
            Keep this tab’s version
          </button>
          <button type="button" data-testid="conflict-take-theirs" onClick={() => void resolveConflict('theirs')}>
            Use the other tab’s version
          </button>
        </div>
      )}
    </>
  );
}
