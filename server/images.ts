// The images a workshop can deploy (docs/fleet.md "Which images a workshop can deploy"): each demo's own model
// re-issued as a new version, signed with the factory key every board trusts, and uploads that carry the factory
// key's signature. An upload is inspected like a device would (structure, digest, key hash) and its signature
// verified before it is stored.
import { createHash } from 'node:crypto';
import { FACTORY_KEY_HASH, FACTORY_PUBLIC_KEY, inspectImage, verifyImageSignature, versionText } from '../src/ota';
import { FACTORY_IMAGES, FACTORY_VERSION } from '../scripts/factoryImages';
import { newId, type FleetStore, type StoredImage } from './store';

/** The version each built-in image is re-issued as: one minor above the factory image's. */
export const BUILTIN_VERSION = { ...FACTORY_VERSION, minor: FACTORY_VERSION.minor + 1 };

export const etagOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** An image's row, or why it cannot be deployed in a workshop. */
export function describeImage(
  bytes: Uint8Array,
  source: StoredImage['source'],
  label: string,
  now: number,
): StoredImage | string {
  const verdict = inspectImage(bytes, { trustedKeyHashes: [FACTORY_KEY_HASH] });
  if (!verdict.ok) {
    return verdict.code === 'unknownKey'
      ? "signed by a key the attendees' boards do not trust: a workshop deploys only factory-signed images"
      : `not a deployable image: ${verdict.message}`;
  }
  if (!verifyImageSignature(verdict.info, FACTORY_PUBLIC_KEY)) return 'its signature does not verify';
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
