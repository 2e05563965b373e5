// The Model tab: import an int8 .tflite (file picker or drop anywhere on the tab), see whether it fits each board
// and how fast it would run there, and run it on the simulated board.
import { useState } from 'react';
import { importModelFile } from '../../services/modelImport';
import { useStore } from '../../state/store';
import { selectImportedModel } from '../../state/selectors';
import { BoardTable } from './BoardTable';
import { MemoryBreakdown } from './MemoryBreakdown';
import { ModelImport } from './ModelImport';
import { ModelLayerTable } from './ModelLayerTable';
import { ModelRunFromFile } from './ModelRunFromFile';
import { ModelSummary } from './ModelSummary';
import { ModelTarget } from './ModelTarget';

const hasFiles = (e: React.DragEvent) => e.dataTransfer.types.includes('Files');

export default function ModelTab() {
  const model = useStore(selectImportedModel);
  const [dragging, setDragging] = useState(false);
  return (
    <section
      className={`demo-panel model-tab${dragging ? ' dragging' : ''}`}
      aria-label="Model"
      data-testid="model-tab"
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        if (file) void importModelFile(file);
      }}
    >
      <ModelImport />
      {model && (
        <>
          <ModelSummary model={model} />
          <ModelTarget report={model.report} />
          <ModelRunFromFile key={model.fileName} bytes={model.bytes} />
          <MemoryBreakdown memory={model.report.memory} footprint={model.report.footprint} />
          <BoardTable boards={model.report.boards} />
          <ModelLayerTable layers={model.report.layers} ops={model.report.totals.ops} />
        </>
      )}
    </section>
  );
}
