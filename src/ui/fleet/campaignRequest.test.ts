import { describe, expect, it } from 'vitest';
import { campaignRequest, INITIAL_FORM } from './campaignRequest';

const form = { ...INITIAL_FORM, imageId: 'i-1' };
const none = new Set<string>();

describe('the campaign form', () => {
  it('describes a per-minute rollout to every device', () => {
    expect(campaignRequest(form, none)).toEqual({
      imageId: 'i-1',
      target: 'all',
      rate: { kind: 'perMinute', max: 10 },
      abort: { failurePct: 50, minExecutions: 2 },
      timeoutSeconds: 300,
    });
  });

  it('describes an exponential rollout to the ticked devices', () => {
    const req = campaignRequest(
      { ...form, target: 'selected', rateKind: 'exponential', rate: '2', factor: '1.5' },
      new Set(['d-a', 'd-b']),
    );
    expect(req).toMatchObject({ target: ['d-a', 'd-b'], rate: { kind: 'exponential', base: 2, factor: 1.5 } });
  });

  it('says what is missing or out of range, by the field it is in', () => {
    expect(campaignRequest(INITIAL_FORM, none)).toBe('Choose an image.');
    expect(campaignRequest({ ...form, target: 'selected' }, none)).toMatch(/Tick the devices/);
    expect(campaignRequest({ ...form, rate: '' }, none)).toMatch(/^Devices a minute: /);
    expect(campaignRequest({ ...form, rate: '2.5' }, none)).toMatch(/^Devices a minute: /);
    expect(campaignRequest({ ...form, abortPct: '0' }, none)).toMatch(/^The failure percentage: /);
    expect(campaignRequest({ ...form, abortPct: '150' }, none)).toMatch(/^The failure percentage: /);
    expect(campaignRequest({ ...form, rateKind: 'exponential', factor: '9' }, none)).toMatch(
      /^The exponential factor: /,
    );
    expect(campaignRequest({ ...form, timeout: 'soon' }, none)).toMatch(/^The timeout: /);
  });
});
