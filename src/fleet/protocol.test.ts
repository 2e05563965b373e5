// The wire contract: topic names and their parsing, and the schemas against the payloads docs/fleet.md shows and
// against hostile ones (wrong types, wildcards in ids, oversized ETags), which must be refused with a reason.
import { describe, expect, it } from 'vitest';
import {
  CampaignRequestSchema,
  DeviceStatusSchema,
  OtaCommandSchema,
  OtaStatusSchema,
  parseDeviceTopic,
  parseJson,
  TelemetrySchema,
  topics,
} from './protocol';

describe('topics', () => {
  it('puts every device topic under ws/<workshop>/dev/<id>/ and parses them back', () => {
    const t = topics('w1');
    expect([t.status('d-1'), t.telemetry('d-1'), t.ota('d-1'), t.otaStatus('d-1'), t.campaign]).toEqual([
      'ws/w1/dev/d-1/status',
      'ws/w1/dev/d-1/telemetry',
      'ws/w1/dev/d-1/ota',
      'ws/w1/dev/d-1/ota/status',
      'ws/w1/campaign',
    ]);
    expect(parseDeviceTopic('w1', 'ws/w1/dev/d-1/ota/status')).toEqual({ id: 'd-1', kind: 'ota/status' });
    expect(parseDeviceTopic('w1', 'ws/w2/dev/d-1/status')).toBeUndefined(); // another workshop
    expect(parseDeviceTopic('w1', 'ws/w1/dev/d-1/other')).toBeUndefined();
    expect(parseDeviceTopic('w1', 'ws/w1/dev/d 1/status')).toBeUndefined();
  });
});

describe('payloads', () => {
  it('accepts the payloads docs/fleet.md shows', () => {
    const status = {
      online: true,
      app: 'mnist',
      version: '1.1.0+0',
      slots: [
        { version: '1.1.0+0', confirmed: true },
        { version: '1.0.0+0', confirmed: true },
      ],
      state: 0,
      result: 1,
      ts: 1764600000000,
    };
    expect(parseJson(DeviceStatusSchema, JSON.stringify(status))).toEqual({ ok: true, value: status });
    expect(parseJson(DeviceStatusSchema, '{"online":false}')).toEqual({ ok: true, value: { online: false } });
    const telemetry = { ts: 1, reports: [{ type: 'anomaly.sample', value: 21.3, count: 2 }] };
    expect(parseJson(TelemetrySchema, JSON.stringify(telemetry))).toEqual({ ok: true, value: telemetry });
    const offer = {
      op: 'offer',
      campaign: 'c-1',
      execution: 'e-1',
      version: '1.1.0+0',
      etag: '3fa1c0d2e4b59687',
      size: 3,
      image: 'AQID',
    };
    expect(parseJson(OtaCommandSchema, JSON.stringify(offer)).ok).toBe(true);
    expect(parseJson(OtaCommandSchema, '{"op":"cancel","campaign":"c-1"}').ok).toBe(true);
  });

  it('keeps the fields of an ota.status report it does not name', () => {
    const report = {
      state: 0,
      result: 8,
      status: 'OTA: self-test failed',
      downloaded_bytes: 9,
      download_size: 9,
      etag: '3fa1c0d2e4b59687',
      slots: [{ version: '1.0.0+0', confirmed: true, check: 'verified', digest: 'ab' }],
      running: '1.0.0+0',
      security_counter: 1,
    };
    const r = parseJson(OtaStatusSchema, JSON.stringify(report));
    expect(r).toEqual({ ok: true, value: report });
  });

  it('refuses malformed and hostile payloads with a reason', () => {
    expect(parseJson(DeviceStatusSchema, 'not json')).toEqual({ ok: false, problem: 'not JSON' });
    expect(parseJson(DeviceStatusSchema, '{"online":"yes"}').ok).toBe(false);
    const bad = (over: object) =>
      parseJson(
        OtaCommandSchema,
        JSON.stringify({
          op: 'offer',
          campaign: 'c-1',
          execution: 'e-1',
          version: '1',
          etag: '00'.repeat(8),
          size: 1,
          image: 'AA==',
          ...over,
        }),
      );
    expect(bad({})).toMatchObject({ ok: true });
    expect(bad({ campaign: 'c/#' })).toMatchObject({ ok: false, problem: expect.stringMatching(/^campaign/) });
    expect(bad({ etag: '00'.repeat(9) })).toMatchObject({ ok: false, problem: expect.stringMatching(/^etag/) });
    expect(bad({ size: 0 })).toMatchObject({ ok: false });
    expect(parseJson(TelemetrySchema, '{"ts":1,"reports":[{"value":1}]}')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^reports\.0\.type/),
    });
  });

  it('checks campaign requests: rates, abort criteria, targets', () => {
    const ok = {
      imageId: 'i-1',
      target: 'all',
      rate: { kind: 'exponential', base: 2, factor: 1.5 },
      abort: { failurePct: 20, minExecutions: 5 },
      timeoutSeconds: 300,
    };
    expect(parseJson(CampaignRequestSchema, JSON.stringify(ok)).ok).toBe(true);
    const with_ = (over: object) => parseJson(CampaignRequestSchema, JSON.stringify({ ...ok, ...over })).ok;
    expect(with_({ target: ['d-1', 'd-2'] })).toBe(true);
    expect(with_({ target: [] })).toBe(false);
    expect(with_({ rate: { kind: 'perMinute', max: 0 } })).toBe(false);
    expect(with_({ abort: { failurePct: 0, minExecutions: 5 } })).toBe(false);
    expect(with_({ abort: { failurePct: 101, minExecutions: 5 } })).toBe(false);
    expect(with_({ timeoutSeconds: 0 })).toBe(false);
  });
});
