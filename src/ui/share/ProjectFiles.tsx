// Export of the project as a .zip and import of one, in the editor's toolbar; and what the last import did.
import { useRef } from 'react';
import { exportProject, importProject } from '../../services/sharing';
import { useStore } from '../../state/store';
import { selectProjectNotice } from '../../state/selectors';

export function ProjectFileActions() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="project-file"
        data-testid="export-project"
        title="Download the project's files as a .zip"
        onClick={() => void exportProject()}
      >
        Export .zip
      </button>
      <button
        type="button"
        className="project-file"
        title="Replace the project's files with those of a .zip"
        onClick={() => input.current?.click()}
      >
        Import .zip
      </button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label="Import a project .zip"
        data-testid="import-project"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void importProject(file);
        }}
      />
    </>
  );
}

export function ProjectNotice() {
  const notice = useStore(selectProjectNotice);
  if (!notice) return null;
  return (
    <div
      className={`save-notice ${notice.ok ? 'imported' : 'problem'}`}
      role={notice.ok ? 'status' : 'alert'}
      data-testid="project-notice"
      data-ok={notice.ok}
    >
      <span>{notice.message}</span>
      <button type="button" onClick={() => useStore.getState().setProjectNotice(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
