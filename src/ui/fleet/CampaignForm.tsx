// A new campaign: which image, to whom, how fast (a maximum per minute, or AWS IoT Jobs' exponential rate), when to
// stop by itself (a failure percentage once enough executions ended) and how long one execution may take. The
// request is checked with the protocol's own schema before it is sent.
import { useState } from 'react';
import { createCampaign, uploadImage } from '../../services/fleetInstructor';
import { useStore } from '../../state/store';
import { type CampaignFormFields as Form, INITIAL_FORM, campaignRequest } from './campaignRequest';

export function CampaignForm({ selected }: { selected: ReadonlySet<string> }) {
  const images = useStore((s) => s.fleetImages);
  const keyNote = useStore((s) => s.instructorKeyNote);
  const [form, setForm] = useState(INITIAL_FORM);
  const [sending, setSending] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  // The first image is chosen until the user picks one (the list arrives after the first render).
  const chosen = { ...form, imageId: images.some((i) => i.id === form.imageId) ? form.imageId : (images[0]?.id ?? '') };
  const req = campaignRequest(chosen, selected);

  return (
    <section className="fleet-card" aria-label="New campaign">
      <h2>New campaign</h2>
      <form
        className="campaign-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typeof req === 'string') return;
          setSending(true);
          void createCampaign(req).finally(() => setSending(false));
        }}
      >
        <label className="wide">
          Image
          <select
            data-testid="campaign-image"
            value={chosen.imageId}
            onChange={(e) => set({ imageId: e.target.value })}
          >
            {images.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label} · v{i.version} · {i.target} · {i.size.toLocaleString('en-US')} B
                {i.source === 'upload' ? ' (uploaded)' : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="wide muted campaign-keys" data-testid="instructor-key" data-trusted={keyNote?.trusted ?? false}>
          Boards install only images signed with a key their secure element trusts: the factory key, their own
          browser&apos;s, or the workshop&apos;s (the first instructor profile to open this page), provisioned when they
          join. {keyNote?.text}
        </p>
        <label className="wide file">
          or upload an image (factory-signed, or saved from this profile&apos;s Device tab)
          <input
            type="file"
            data-testid="campaign-upload"
            accept=".img,application/octet-stream"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void uploadImage(file);
              e.target.value = '';
            }}
          />
        </label>
        <fieldset className="wide">
          <legend>Target</legend>
          <label>
            <input
              type="radio"
              name="target"
              data-testid="campaign-target-all"
              checked={form.target === 'all'}
              onChange={() => set({ target: 'all' })}
            />
            all devices
          </label>
          <label>
            <input
              type="radio"
              name="target"
              data-testid="campaign-target-selected"
              checked={form.target === 'selected'}
              onChange={() => set({ target: 'selected' })}
            />
            the {selected.size} ticked
          </label>
        </fieldset>
        <label>
          Rollout
          <select
            data-testid="campaign-rate-kind"
            value={form.rateKind}
            onChange={(e) => set({ rateKind: e.target.value as Form['rateKind'] })}
          >
            <option value="perMinute">per minute</option>
            <option value="exponential">exponential</option>
          </select>
        </label>
        <label>
          {form.rateKind === 'perMinute' ? 'Devices a minute' : 'First a minute'}
          <input
            type="number"
            min={1}
            data-testid="campaign-rate"
            value={form.rate}
            onChange={(e) => set({ rate: e.target.value })}
          />
        </label>
        {form.rateKind === 'exponential' && (
          <label>
            × after each step
            <input
              type="number"
              min={1}
              max={5}
              step={0.1}
              data-testid="campaign-rate-factor"
              value={form.factor}
              onChange={(e) => set({ factor: e.target.value })}
            />
          </label>
        )}
        <label>
          Abort at failures %
          <input
            type="number"
            min={1}
            max={100}
            data-testid="campaign-abort-pct"
            value={form.abortPct}
            onChange={(e) => set({ abortPct: e.target.value })}
          />
        </label>
        <label>
          …after at least
          <input
            type="number"
            min={1}
            data-testid="campaign-abort-min"
            value={form.abortMin}
            onChange={(e) => set({ abortMin: e.target.value })}
          />
        </label>
        <label>
          Timeout, s
          <input
            type="number"
            min={1}
            data-testid="campaign-timeout"
            value={form.timeout}
            onChange={(e) => set({ timeout: e.target.value })}
          />
        </label>
        <div className="wide campaign-submit">
          <button
            type="submit"
            className="primary"
            data-testid="campaign-create"
            disabled={typeof req === 'string' || sending}
          >
            Start campaign
          </button>
          {typeof req === 'string' && (
            <span className="muted" data-testid="campaign-form-error">
              {req}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
