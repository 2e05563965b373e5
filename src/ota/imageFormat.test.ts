import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LWM2M_UPDATE_RESULTS, updateResultOf, VERDICT_CODES, verdictNumber, type VerdictCode } from './imageFormat';
import { generateImageFormatHeader, IMAGE_FORMAT_HEADER_PATH } from './imageFormatHeader';

describe('image format', () => {
  it('the C++ reader uses wasm/ota/include/ota/image_format.h, generated from this description (npm run gen:contracts)', () => {
    expect(readFileSync(new URL(`../../${IMAGE_FORMAT_HEADER_PATH}`, import.meta.url), 'utf8')).toBe(
      generateImageFormatHeader(),
    );
  });

  it('numbers the verdicts in check order, as the generated C++ enum does', () => {
    const header = generateImageFormatHeader();
    expect(verdictNumber('ok')).toBe(0);
    for (const code of VERDICT_CODES) {
      const pascal = code[0].toUpperCase() + code.slice(1);
      expect(header).toContain(`k${pascal} = ${verdictNumber(code)},`);
    }
  });

  it('maps each refusal to the LwM2M Object 5 Update Result it means', () => {
    const expected: Record<Exclude<VerdictCode, 'ok'>, keyof typeof LWM2M_UPDATE_RESULTS> = {
      truncated: 'integrityCheckFailure',
      badMagic: 'integrityCheckFailure',
      badHeaderSize: 'integrityCheckFailure',
      unsupportedFlags: 'unsupportedPackageType',
      badTlvMagic: 'integrityCheckFailure',
      tlvMalformed: 'integrityCheckFailure',
      tlvDuplicate: 'integrityCheckFailure',
      tlvMissing: 'integrityCheckFailure',
      signatureMalformed: 'integrityCheckFailure',
      digestMismatch: 'integrityCheckFailure',
      unknownKey: 'integrityCheckFailure',
      wrongTarget: 'unsupportedPackageType',
      unsupportedPayload: 'unsupportedPackageType',
      securityCounterTooLow: 'updateFailed',
      signatureInvalid: 'integrityCheckFailure',
      flashReadError: 'updateFailed',
    };
    for (const [code, result] of Object.entries(expected))
      expect(updateResultOf(code as VerdictCode), code).toBe(result);
    expect(LWM2M_UPDATE_RESULTS).toMatchObject({
      integrityCheckFailure: 5,
      unsupportedPackageType: 6,
      updateFailed: 8,
    });
  });
});
