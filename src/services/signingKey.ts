// The browser profile's image-signing key (docs/ota.md, "Keys"): created on first use and kept in IndexedDB, one
// per profile and origin. In a secure context it is a WebCrypto P-256 pair whose private half cannot be exported
// (IndexedDB stores the CryptoKey objects themselves); where crypto.subtle does not exist (a page served over
// plain http on a LAN) it is an @noble/curves secret key, stored as bytes. Boards trust it once it is enrolled.
import { generateNobleSecretKey, generateWebCryptoKeyPair, nobleSigner, webCryptoSigner, type Signer } from '../ota';

const DB = 'tinyml-sim-keys';
const STORE = 'keys';
const RECORD = 'profile';

type StoredKey =
  | { kind: 'webcrypto'; keys: CryptoKeyPair; createdAt: number }
  | { kind: 'noble'; secretKey: Uint8Array; createdAt: number };

export type ProfileSigner = Signer & { kind: StoredKey['kind']; createdAt: number };

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB to keep a signing key in');
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** The stored key, or `fresh` stored if there is none: one readwrite transaction, so two tabs end with one key. */
async function getOrAdd(fresh?: StoredKey): Promise<StoredKey | undefined> {
  const db = await open();
  try {
    return await new Promise<StoredKey | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, fresh ? 'readwrite' : 'readonly');
      const store = tx.objectStore(STORE);
      let result: StoredKey | undefined;
      const req = store.get(RECORD);
      req.onsuccess = () => {
        result = req.result as StoredKey | undefined;
        if (!result && fresh) store.add((result = fresh), RECORD);
      };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

async function create(subtle: SubtleCrypto | undefined): Promise<StoredKey> {
  const createdAt = Date.now();
  return subtle
    ? { kind: 'webcrypto', keys: await generateWebCryptoKeyPair(subtle), createdAt }
    : { kind: 'noble', secretKey: generateNobleSecretKey(), createdAt };
}

async function toSigner(stored: StoredKey, subtle: SubtleCrypto | undefined): Promise<ProfileSigner> {
  const meta = { kind: stored.kind, createdAt: stored.createdAt };
  if (stored.kind === 'noble') return { ...nobleSigner(stored.secretKey), ...meta };
  if (!subtle) throw new Error('the stored signing key is a WebCrypto key, but this page has no crypto.subtle');
  return { ...(await webCryptoSigner(stored.keys, subtle)), ...meta };
}

async function loadOrCreate(): Promise<ProfileSigner> {
  const subtle = globalThis.crypto?.subtle as SubtleCrypto | undefined;
  const stored = (await getOrAdd()) ?? (await getOrAdd(await create(subtle)));
  if (!stored) throw new Error('the signing key could not be stored');
  return toSigner(stored, subtle);
}

let profile: Promise<ProfileSigner> | undefined;

/** This profile's signer, loaded or created once per page; a failure is not cached, so a later call retries. */
export function profileSigner(): Promise<ProfileSigner> {
  profile ??= loadOrCreate().catch((e: unknown) => {
    profile = undefined;
    throw e;
  });
  return profile;
}
