// The panel that belongs to the open demo, if it has one.
import { useStore } from '../../state/store';
import { selectAppName } from '../../state/selectors';
import type { DemoPartName } from '../layout/parts';
import { AnomalyPanel, AnomalyStream } from './anomaly/AnomalyPanel';
import { AnomalyTrainPanel } from './anomaly/AnomalyTrainPanel';
import { DevicePanel } from './device/DevicePanel';
import { MnistDraw, MnistMemory, MnistPanel } from './mnist/MnistPanel';
import { RunnerPanel } from './runner/RunnerPanel';
import { TrainPanel } from './mnist/train/TrainPanel';

/** A piece of a demo's panel that the compact board view (`?view=board`) shows as one of its parts. */
export interface CompactPart {
  /** Its accessible name. */
  label: string;
  Part: (props: { boardBeside: boolean }) => React.JSX.Element | null;
}

interface DemoPanels {
  title: string;
  Panel: () => React.JSX.Element;
  /** The demo's Train tab, if it has one. */
  Train?: () => React.JSX.Element;
  /** Its Device tab (model slots and over-the-air updates), if its firmware runs an update agent. */
  Device?: () => React.JSX.Element;
  /** The parts of the panel the compact board view can show. */
  parts: Partial<Record<DemoPartName, CompactPart>>;
}

const PANELS: Record<string, DemoPanels> = {
  mnist: {
    title: 'Inference',
    Panel: MnistPanel,
    Train: TrainPanel,
    Device: DevicePanel,
    parts: {
      canvas: {
        label: 'Touch screen and prediction',
        Part: ({ boardBeside }) => <MnistDraw compact boardBeside={boardBeside} />,
      },
      memory: { label: 'Memory and latency on the target board', Part: () => <MnistMemory compact /> },
    },
  },
  anomaly: {
    title: 'Temperature stream',
    Panel: AnomalyPanel,
    Train: AnomalyTrainPanel,
    Device: DevicePanel,
    parts: { chart: { label: 'Temperature stream', Part: () => <AnomalyStream compact /> } },
  },
  model_runner: { title: 'Model runner', Panel: RunnerPanel, Device: DevicePanel, parts: {} },
};

export function useDemoPanel() {
  const app = useStore(selectAppName);
  return app ? PANELS[app] : undefined;
}

export function DemoPanel() {
  const panel = useDemoPanel();
  return panel ? <panel.Panel /> : null;
}
