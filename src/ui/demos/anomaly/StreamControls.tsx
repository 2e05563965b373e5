// Where the sensor's readings come from: the slider, a seeded synthetic stream with injected anomalies, or a CSV.
// Compact (the board view), the CSV file input and its note are left out (an embedding page
// can still stream one in).
import { useStore } from '../../../state/store';
import {
  selectCsvLoading,
  selectCsvMessages,
  selectCsvName,
  selectCsvRejected,
  selectCsvRows,
  selectSliderC,
  selectStreamKind,
} from '../../../state/selectors';
import { chooseStreamSource, loadCsvFile, setSliderTemperature } from '../../../services/streams';
import type { StreamKind } from '../../../state/streamSlice';

export function StreamControls({ compact = false }: { compact?: boolean }) {
  const kind = useStore(selectStreamKind);
  const sliderC = useStore(selectSliderC);
  const csvName = useStore(selectCsvName);
  const csvRows = useStore(selectCsvRows);
  const messages = useStore(selectCsvMessages);
  const rejected = useStore(selectCsvRejected);
  const loading = useStore(selectCsvLoading);
  return (
    <div className={`stream-controls${compact ? ' compact' : ''}`}>
      <label>
        Source{' '}
        <select
          data-testid="stream-source"
          value={kind}
          onChange={(e) => chooseStreamSource(e.target.value as StreamKind)}
        >
          <option value="synthetic">Synthetic (seeded, with anomalies)</option>
          <option value="manual">Manual (slider)</option>
          <option value="csv" disabled={!csvName}>
            CSV {csvName ? `— ${csvName}` : '(load a file)'}
          </option>
        </select>
      </label>
      {!compact && (
        <label className="csv-pick">
          Load CSV (timestamp,value){' '}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            data-testid="csv-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void loadCsvFile(file);
              e.target.value = '';
            }}
          />
        </label>
      )}
      {loading && (
        <label className="csv-progress">
          Reading {loading.name}… {Math.floor(loading.fraction * 100)} %{' '}
          <progress data-testid="csv-progress" max={1} value={loading.fraction} />
        </label>
      )}
      {!compact && csvName && !rejected && (
        <small>
          {csvRows?.toLocaleString('en-US')} readings from {csvName}, one per virtual second. The board pauses when the
          trace ends: load a file or pick a source to go on (Resume holds the last reading)
        </small>
      )}
      <label className="slider">
        <span>{sliderC.toFixed(1)} °C</span>
        <input
          type="range"
          min={-40}
          max={125}
          step={0.1}
          value={sliderC}
          data-testid="temperature-slider"
          aria-label="Temperature"
          onChange={(e) => {
            if (kind !== 'manual') chooseStreamSource('manual');
            setSliderTemperature(Number(e.target.value));
          }}
        />
      </label>
      {messages.length > 0 && (
        <ul
          className={`csv-messages ${rejected ? 'rejected' : ''}`}
          data-testid="csv-messages"
          role={rejected ? 'alert' : undefined}
        >
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
