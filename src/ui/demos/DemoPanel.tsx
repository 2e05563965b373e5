// The panel that belongs to the open demo, if it has one.
import { useStore } from '../../state/store';
import { selectAppName } from '../../state/selectors';
import { AnomalyPanel } from './anomaly/AnomalyPanel';
import { AnomalyTrainPanel } from './anomaly/AnomalyTrainPanel';
import { DevicePanel } from './device/DevicePanel';
import { MnistPanel } from './mnist/MnistPanel';
import { TrainPanel } from './mnist/train/TrainPanel';

interface DemoPanels {
  title: string;
  Panel: () => React.JSX.Element;
  /** The demo's Train tab, if it has one. */
  Train?: () => React.JSX.Element;
  /** Its Device tab (model slots and over-the-air updates), if its firmware runs an update agent. */
  Device?: () => React.JSX.Element;
}

const PANELS: Record<string, DemoPanels> = {
  mnist: { title: 'Inference', Panel: MnistPanel, Train: TrainPanel, Device: DevicePanel },
  anomaly: { title: 'Temperature stream', Panel: AnomalyPanel, Train: AnomalyTrainPanel, Device: DevicePanel },
};

export function useDemoPanel() {
  const app = useStore(selectAppName);
  return app ? PANELS[app] : undefined;
}

export function DemoPanel() {
  const panel = useDemoPanel();
  return panel ? <panel.Panel /> : null;
}
