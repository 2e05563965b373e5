// The compact board view (`?view=board`, for an iframe): the parts chosen by `?parts=` (or the demo's default set),
// laid out to fit the frame — the board beside the demo's parts and the console, or above them on a tall frame. What
// does not fit (many parts in a small frame) scrolls inside the view, under the run controls.
import { BoardPanel } from '../board/BoardPanel';
import { SerialConsole } from '../board/SerialConsole';
import { useDemoPanel } from '../demos/DemoPanel';
import { useStore } from '../../state/store';
import { selectAppName } from '../../state/selectors';
import { shownParts, type DemoPartName, type PartName } from './parts';

export function CompactBoard({ requested }: { requested?: PartName[] }) {
  const app = useStore(selectAppName);
  const panel = useDemoPanel();
  const demoParts = panel?.parts ?? {};
  const available = new Set<PartName>(['board', 'console', ...(Object.keys(demoParts) as DemoPartName[])]);
  const shown = shownParts(requested, app ?? undefined, available);
  const board = shown.includes('board');
  const serial = shown.includes('console');
  const pieces = shown.filter((p): p is DemoPartName => p in demoParts);
  return (
    <div className="compact-board" data-testid="compact-view" data-parts={shown.join(',')}>
      {board && (
        <div className="compact-column compact-board-column">
          <BoardPanel />
        </div>
      )}
      {(pieces.length > 0 || serial) && (
        <div className="compact-column compact-demo-column">
          {pieces.map((name) => {
            const { label, Part } = demoParts[name]!;
            return (
              <section key={name} className={`demo-panel compact-part part-${name}`} aria-label={label}>
                <Part boardBeside={board} />
              </section>
            );
          })}
          {serial && <SerialConsole />}
        </div>
      )}
    </div>
  );
}
