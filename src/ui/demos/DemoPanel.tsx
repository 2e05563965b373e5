// The panel that belongs to the open demo, if it has one.
import { useStore } from '../../state/store';
import { selectAppName } from '../../state/selectors';
import { AnomalyPanel } from './anomaly/AnomalyPanel';
import { MnistPanel } from './mnist/MnistPanel';

const PANELS: Record<string, { title: string; Panel: () => React.JSX.Element }> = {
  mnist: { title: 'Inference', Panel: MnistPanel },
  anomaly: { title: 'Temperature stream', Panel: AnomalyPanel },
};

export function useDemoPanel() {
  const app = useStore(selectAppName);
  return app ? PANELS[app] : undefined;
}

export function DemoPanel() {
  const panel = useDemoPanel();
  return panel ? <panel.Panel /> : null;
}
