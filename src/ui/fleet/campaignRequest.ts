// The campaign form's fields → a POST /api/campaigns body, checked with the protocol's own schema, so the form says
// what the server would refuse before it is sent.
import * as v from 'valibot';
import { type CampaignRequest, CampaignRequestSchema } from '../../fleet/protocol';

/** The campaign form's fields as typed. */
export interface CampaignFormFields {
  imageId: string;
  target: 'all' | 'selected';
  rateKind: 'perMinute' | 'exponential';
  rate: string;
  factor: string;
  abortPct: string;
  abortMin: string;
  timeout: string;
}

export const INITIAL_FORM: CampaignFormFields = {
  imageId: '',
  target: 'all',
  rateKind: 'perMinute',
  rate: '10',
  factor: '2',
  abortPct: '50',
  abortMin: '2',
  timeout: '300',
};

/** The form's label for each field of the request the schema may refuse. */
const FIELD_NAMES: Record<string, string> = {
  'rate.max': 'Devices a minute',
  'rate.base': 'First a minute',
  'rate.factor': 'The exponential factor',
  'abort.failurePct': 'The failure percentage',
  'abort.minExecutions': 'The minimum of executions',
  timeoutSeconds: 'The timeout',
};

/** The request the form describes, checked with the protocol's schema, or what is wrong with it. */
export function campaignRequest(form: CampaignFormFields, selected: ReadonlySet<string>): CampaignRequest | string {
  const candidate = {
    imageId: form.imageId,
    target: form.target === 'all' ? 'all' : [...selected],
    rate:
      form.rateKind === 'perMinute'
        ? { kind: 'perMinute', max: Number(form.rate) }
        : { kind: 'exponential', base: Number(form.rate), factor: Number(form.factor) },
    abort: { failurePct: Number(form.abortPct), minExecutions: Number(form.abortMin) },
    timeoutSeconds: Number(form.timeout),
  };
  if (!form.imageId) return 'Choose an image.';
  if (form.target === 'selected' && selected.size === 0) return 'Tick the devices to update, or target all.';
  const r = v.safeParse(CampaignRequestSchema, candidate);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = v.getDotPath(issue) ?? '';
  return `${FIELD_NAMES[path] ?? (path || 'The request')}: ${issue.message}`;
}
