import { useStore } from '../../state/store';
import { selectAppName, selectApps } from '../../state/selectors';
import { openDemo } from '../../services/session';

export function DemoPicker() {
  const apps = useStore(selectApps);
  const current = useStore(selectAppName);
  return (
    <label className="demo-picker">
      <span>Demo</span>
      <select data-testid="demo-select" value={current ?? ''} onChange={(e) => void openDemo(e.target.value)}>
        {apps.map((a) => (
          <option key={a.name} value={a.name} title={a.description}>
            {a.title}
          </option>
        ))}
      </select>
    </label>
  );
}
