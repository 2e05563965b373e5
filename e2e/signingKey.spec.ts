// The profile's signing key in Chromium (src/services/signingKey.ts), loaded as a module from a Vite dev server:
// in a secure context (127.0.0.1) a non-extractable WebCrypto key; over plain http on the machine's LAN address,
// where the page has no crypto.subtle, an @noble/curves key. Either survives a reload, two tabs end with one key,
// and images it signs verify (in the page, and with Node's WebCrypto for the noble key).
import { networkInterfaces } from 'node:os';
import { webcrypto } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { derToRaw } from '../src/ota/der';

const PORT = (Number(process.env.E2E_PORT) || 4173) + 100;
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let server: ViteDevServer;
test.beforeAll(async () => {
  server = await createServer({
    server: { port: PORT, strictPort: true, host: '0.0.0.0' },
    optimizeDeps: { noDiscovery: true, include: [] },
    logLevel: 'error',
  });
  await server.listen();
});
test.afterAll(() => server.close());

type KeyModule = typeof import('../src/services/signingKey');
type OtaModule = typeof import('../src/ota');
/** Served by the dev server as modules of the page's origin. */
const MODULES = { key: '/src/services/signingKey.ts', ota: '/src/ota/index.ts' };

interface KeyReport {
  secure: boolean;
  hasSubtle: boolean;
  kind: string;
  publicKey: string;
  keyHash: string;
  extractable: boolean | null;
  verdict: string;
  verified: boolean;
  message: number[];
  signature: number[];
}

/** Loads (or creates) the profile key in the page, signs an image with it and inspects and verifies it there. */
function useKey(page: Page): Promise<KeyReport> {
  return page.evaluate(async (modules) => {
    const { profileSigner } = (await import(/* @vite-ignore */ modules.key)) as KeyModule;
    const ota = (await import(/* @vite-ignore */ modules.ota)) as OtaModule;
    const signer = await profileSigner();
    const image = await ota.buildImage(
      {
        version: { major: 1, minor: 0, revision: 0, build: 1 },
        securityCounter: 1,
        target: 'mnist',
        payloadType: ota.PAYLOAD_TYPES.nnModelV1,
        body: new Uint8Array(100),
      },
      signer,
    );
    const v = ota.inspectImage(image, { trustedKeyHashes: [signer.keyHash] });
    const stored = await new Promise<{ keys?: CryptoKeyPair }>((resolve) => {
      const req = indexedDB.open('tinyml-sim-keys');
      req.onsuccess = () => {
        const get = req.result.transaction('keys').objectStore('keys').get('profile');
        get.onsuccess = () => resolve(get.result);
      };
    });
    const message = new TextEncoder().encode('a message signed in the page');
    return {
      secure: window.isSecureContext,
      hasSubtle: typeof crypto.subtle !== 'undefined',
      kind: signer.kind,
      publicKey: ota.toHex(signer.publicKey),
      keyHash: ota.toHex(signer.keyHash),
      extractable: stored.keys ? stored.keys.privateKey.extractable : null,
      verdict: v.ok ? 'ok' : v.code,
      verified: v.ok && ota.verifyImageSignature(v.info, signer.publicKey),
      message: [...message],
      signature: [...(await signer.sign(message))],
    };
  }, MODULES);
}

test('in a secure context the key is a non-extractable WebCrypto key that survives a reload and is shared by tabs', async ({
  context,
}) => {
  const origin = `http://127.0.0.1:${PORT}`;
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto(`${origin}/firmware/index.json`), b.goto(`${origin}/firmware/index.json`)]);
  const [first, second] = await Promise.all([useKey(a), useKey(b)]);
  expect(first).toMatchObject({ secure: true, hasSubtle: true, kind: 'webcrypto', extractable: false });
  expect(first).toMatchObject({ verdict: 'ok', verified: true });
  expect(second.publicKey).toBe(first.publicKey);
  await a.reload();
  const again = await useKey(a);
  expect(again.publicKey).toBe(first.publicKey);
  expect(again.keyHash).toMatch(/^[0-9a-f]{64}$/);
});

test('over plain http on a LAN address, without crypto.subtle, the key is a noble key whose signatures WebCrypto accepts', async ({
  context,
}) => {
  test.skip(!lanAddress, 'this machine has no non-loopback IPv4 address to serve an insecure origin on');
  const page = await context.newPage();
  await page.goto(`http://${lanAddress}:${PORT}/firmware/index.json`);
  const first = await useKey(page);
  expect(first).toMatchObject({ secure: false, hasSubtle: false, kind: 'noble', extractable: null });
  expect(first).toMatchObject({ verdict: 'ok', verified: true });
  await page.reload();
  expect((await useKey(page)).publicKey).toBe(first.publicKey);
  const raw = derToRaw(Uint8Array.from(first.signature));
  if (!raw) throw new Error('the page signed with a malformed DER signature');
  const key = await webcrypto.subtle.importKey(
    'raw',
    Buffer.from(first.publicKey, 'hex'),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  expect(
    await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      raw as Uint8Array<ArrayBuffer>,
      Uint8Array.from(first.message),
    ),
  ).toBe(true);
});
