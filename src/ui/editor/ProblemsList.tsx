// The problems list of the last build, virtualized: only the rows in view are in the DOM, so a build with thousands
// of warnings costs what eight rows cost.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../state/store';
import { selectDiagnostics, selectDiagnosticSummary } from '../../state/selectors';
import type { Diagnostic } from '../../toolchain/diagnostics';

const ROW_PX = 22;
const VIEW_ROWS = 8;
const OVERSCAN_ROWS = 4;

export function ProblemsList({ reveal }: { reveal: (d: Diagnostic) => void }) {
  const all = useStore(selectDiagnostics);
  const summary = useStore(selectDiagnosticSummary);
  const rows = useMemo(() => all.filter((d) => d.severity !== 'note'), [all]);
  // The scroll position belongs to one build's list: a new build starts at the top.
  const [view, setView] = useState({ all, scrollTop: 0 });
  const scrollTop = view.all === all ? view.scrollTop : 0;
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [all]);
  if (!rows.length) return null;
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.min(rows.length, Math.ceil(scrollTop / ROW_PX) + VIEW_ROWS + OVERSCAN_ROWS);
  return (
    <div className="problems-pane">
      {summary && summary.omitted > 0 && (
        <div className="problems-note" data-testid="problems-omitted">
          {`Showing the first ${all.length.toLocaleString('en')} of ${(all.length + summary.omitted).toLocaleString('en')} diagnostics.`}
        </div>
      )}
      <div
        className="problems"
        data-testid="problems"
        role="list"
        aria-label="Problems"
        style={{ maxHeight: VIEW_ROWS * ROW_PX }}
        ref={scroller}
        onScroll={(e) => setView({ all, scrollTop: e.currentTarget.scrollTop })}
      >
        <div style={{ position: 'relative', height: rows.length * ROW_PX }}>
          {rows.slice(first, last).map((d, i) => (
            <div
              key={first + i}
              role="listitem"
              aria-posinset={first + i + 1}
              aria-setsize={rows.length}
              className={`problem ${d.severity}`}
              style={{ top: (first + i) * ROW_PX, height: ROW_PX }}
            >
              <button type="button" onClick={() => reveal(d)}>
                <span className="sev">{d.severity}</span> {d.file ? `${d.file}:${d.line}:${d.column}` : ''} {d.message}
              </button>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
