// The factory signer for the build (Node only): the development key of keys/factory-ec-p256.pem (PKCS#8, as
// `openssl pkcs8 -topk8` writes it), so the private half never reaches the page's bundle. Its signatures are
// deterministic (RFC 6979), so a rebuild gives byte-identical images.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nobleSigner, type Signer } from '../src/ota';
import { ROOT } from './firmwareSources';

export const FACTORY_KEY_PATH = 'keys/factory-ec-p256.pem';

export function factorySigner(): Signer {
  const jwk = createPrivateKey(readFileSync(join(ROOT, FACTORY_KEY_PATH), 'utf8')).export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.d) throw new Error(`${FACTORY_KEY_PATH} is not a P-256 private key`);
  return nobleSigner(new Uint8Array(Buffer.from(jwk.d, 'base64url')));
}
