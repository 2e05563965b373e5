import { useStore } from '../../state/store';
import { selectLeds } from '../../state/selectors';
import type { LedName } from '../../runtime/Board';

const COLORS: Record<LedName, string> = { LED1: '#ff4d4d', LED2: '#3ddc84', LED3: '#4da3ff', LED4: '#ffc640' };

export function Led({ name }: { name: LedName }) {
  const on = useStore(selectLeds)[name];
  return (
    <div
      className="led"
      data-testid={`led-${name}`}
      data-state={on ? 'on' : 'off'}
      aria-label={`${name} ${on ? 'on' : 'off'}`}
      role="img"
    >
      <span className="led-lamp" style={{ ['--led-color' as string]: COLORS[name] }} />
      <span className="led-label">{name}</span>
    </div>
  );
}
