// The instructor's page of a workshop (?view=instructor): the fleet's devices, a campaign to deploy a model image
// to them, its progress live, and one telemetry figure across the fleet. Nothing shows without a token the server
// accepts.
import { useState } from 'react';
import type { InstructorAccess } from '../../state/fleetSlice';
import { useStore } from '../../state/store';
import { CampaignForm } from './CampaignForm';
import { CampaignList } from './CampaignState';
import { DeviceList } from './DeviceList';
import { FleetTelemetry } from './FleetTelemetry';

const ACCESS_TITLE: Record<Exclude<InstructorAccess, 'granted'>, string> = {
  checking: 'Checking the instructor token…',
  refused: 'Access refused',
  missing: 'This is not an instructor link',
  unreachable: 'The workshop server is unreachable',
};

function Note() {
  const note = useStore((s) => s.fleetNote);
  if (!note) return null;
  return (
    <p className={`fleet-note ${note.ok ? 'ok' : 'error'}`} data-testid="fleet-note" role="status">
      {note.text}
    </p>
  );
}

export function InstructorPage() {
  const access = useStore((s) => s.instructorAccess);
  const problem = useStore((s) => s.instructorProblem);
  const live = useStore((s) => s.fleetLive);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="app view-instructor">
      <header className="topbar">
        <div className="brand">
          tinyml<span>-sim</span>
        </div>
        <span className="instructor-title">Workshop · instructor</span>
        {access === 'granted' && (
          <span className={`fleet-live ${live ? 'up' : 'down'}`} data-testid="fleet-live" data-live={String(live)}>
            {live ? 'live' : 'refreshing every 2 s'}
          </span>
        )}
      </header>
      {access !== 'granted' ? (
        <main className="instructor-access" data-testid="instructor-access" data-access={access} role="alert">
          <h1>{ACCESS_TITLE[access]}</h1>
          {problem && <p>{problem}</p>}
          {access !== 'checking' && (
            <p className="muted">
              Open the <code>instructor:</code> link that <code>npm run fleet</code> printed when it started.
            </p>
          )}
        </main>
      ) : (
        <main className="instructor">
          <Note />
          <DeviceList selected={selected} onSelect={select} />
          <div className="instructor-grid">
            <CampaignList />
            <CampaignForm selected={selected} />
          </div>
          <FleetTelemetry />
        </main>
      )}
    </div>
  );
}
