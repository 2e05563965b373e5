// The images a workshop can deploy (docs/fleet.md "Which images a workshop can deploy"): each demo's own model
// re-issued as a new version, signed with the factory key every board trusts, and uploads signed with the factory
// key or with the instructor's key, which boards that join provision into their workshop key slot. An upload is
// inspected like a device would (structure, digest, key hash) and its signature verified before it is stored.
import { createHash } from 'node:crypto';
import {
  FACTORY_PUBLIC_KEY,
  fromHex,
  inspectImage,
  publicKeyHash,
  verifyImageSignature,
  versionText,
} from '../src/ota';
import { FACTORY_IMAGES, FACTORY_VERSION } from '../scripts/factoryImages';
import { newId, type FleetStore, type StoredImage } from './store';

/** The version each built-in image is re-issued as: one minor above the factory image's. */
export const BUILTIN_VERSION = { ...FACTORY_VERSION, minor: FACTORY_VERSION.minor + 1 };

export const etagOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An image's row, or why it cannot be deployed in a workshop. `instructorKey` (hex) is the key the workshop's
 * boards trust besides the factory's, once the instructor registered one.
 */
export function describeImage(
  bytes: Uint8Array,
  source: StoredImage['source'],
  label: string,
  now: number,
  instructorKey?: string,
): StoredImage | string {
  const keys = [FACTORY_PUBLIC_KEY, ...(instructorKey ? [fromHex(instructorKey)] : [])];
  const hashes = keys.map(publicKeyHash);
  const verdict = inspectImage(bytes, { trustedKeyHashes: hashes });
  if (!verdict.ok) {
    return verdict.code === 'unknownKey'
      ? instructorKey
        ? "signed by a key the attendees' boards do not trust: sign it in the instructor's browser profile (Device tab → Save image) or with the factory key"
        : "signed by a key the attendees' boards do not trust: open the instructor page before attendees join, so they trust its key"
      : `not a deployable image: ${verdict.message}`;
  }
  const signer = keys[hashes.findIndex((h) => sameBytes(h, verdict.info.keyHash))]!;
  if (!verifyImageSignature(verdict.info, signer)) return 'its signature does not verify';
  const image = bytes.subarray(0, verdict.info.imageSize);
  return {
    id: newId('i'),
    target: verdict.info.target,
    version: versionText(verdict.info.version),
    size: image.length,
    etag: etagOf(image),
    source,
    label,
    createdAt: now,
    bytes: image.slice(),
  };
}

/** Adds each demo's re-issued model once (a restart finds them in the store). */
export async function addBuiltinImages(store: FleetStore, now: number): Promise<void> {
  const have = new Set(
    store
      .images()
      .filter((i) => i.source === 'builtin')
      .map((i) => `${i.target} ${i.version}`),
  );
  for (const [app, build] of Object.entries(FACTORY_IMAGES)) {
    if (have.has(`${app} ${versionText(BUILTIN_VERSION)}`)) continue;
    const row = describeImage(await build(BUILTIN_VERSION), 'builtin', `${app} model, re-issued`, now);
    if (typeof row === 'string') throw new Error(`built-in ${app} image: ${row}`);
    store.addImage(row);
  }
}
