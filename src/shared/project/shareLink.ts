// A project carried in a link's fragment, which never reaches a server: `#share=` then base64url (RFC 4648 §5,
// unpadded) of a format byte followed by deflate-raw (RFC 1951) of the project as UTF-8 JSON. The format byte lets
// the encoding change later while old links still open (or say clearly that they are from a newer version).
import { deflateRaw, inflateRaw } from './boundedInflate';
import { parseProject, PROJECT_LIMITS, ProjectError, type Project } from './projectFiles';

export const SHARE_PREFIX = '#share=';
export const SHARE_FORMAT = 1;

/**
 * The longest fragment made or opened: 256 K characters. Chromium accepts URLs up to 2 MB (url/url_constants.h,
 * kMaxURLChars), but mail and chat clients cut long links far earlier; a bigger project is shared as a .zip.
 */
export const MAX_SHARE_CHARS = 256 * 1024;
/** The decompressed JSON may be at most this long: the project limit plus JSON's escaping, bounding a zip bomb. */
export const MAX_SHARE_JSON_BYTES = 2 * PROJECT_LIMITS.bytes;

const B64URL = /^[A-Za-z0-9_-]*$/;

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  // A length of 4n+1 characters cannot come from any byte string.
  if (!B64URL.test(text) || text.length % 4 === 1) throw new ProjectError('the link is damaged (not base64url text)');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The fragment (`#share=…`) that carries `project`; throws a ProjectError when it is too big for a link. */
export async function encodeShareFragment(project: Project): Promise<string> {
  const checked = parseProject(project);
  const json = new TextEncoder().encode(JSON.stringify(checked));
  const packed = await deflateRaw(json);
  const bytes = new Uint8Array(1 + packed.length);
  bytes[0] = SHARE_FORMAT;
  bytes.set(packed, 1);
  const fragment = SHARE_PREFIX + toBase64Url(bytes);
  if (fragment.length > MAX_SHARE_CHARS)
    throw new ProjectError(
      `the project is too big for a link (${kb(fragment.length)} KB compressed, at most ${kb(MAX_SHARE_CHARS)} KB): export it as a .zip instead`,
    );
  return fragment;
}

const kb = (n: number) => Math.ceil(n / 1024);

/** True when `hash` (location.hash) is a share link's fragment, well formed or not. */
export const isShareFragment = (hash: string): boolean => hash.startsWith(SHARE_PREFIX);

/** The project in a share fragment; throws a ProjectError saying what is wrong with a damaged or hostile one. */
export async function decodeShareFragment(hash: string): Promise<Project> {
  if (!isShareFragment(hash)) throw new ProjectError('the link carries no shared project');
  if (hash.length > MAX_SHARE_CHARS) throw new ProjectError(`the link is longer than ${kb(MAX_SHARE_CHARS)} KB`);
  const bytes = fromBase64Url(hash.slice(SHARE_PREFIX.length));
  if (!bytes.length) throw new ProjectError('the link is empty');
  if (bytes[0] !== SHARE_FORMAT)
    throw new ProjectError(
      bytes[0] > SHARE_FORMAT
        ? `the link was made by a newer version of tinyml-sim (format ${bytes[0]}); reload the page to update`
        : `the link has an unknown format (${bytes[0]})`,
    );
  const inflated = await inflateRaw(bytes.subarray(1), MAX_SHARE_JSON_BYTES);
  if (!inflated.ok)
    throw new ProjectError(
      inflated.reason === 'too-large'
        ? `the link's project decompresses to more than ${kb(MAX_SHARE_JSON_BYTES)} KB`
        : 'the link is damaged (its compressed data is corrupt or cut off)',
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    throw new ProjectError('the link is damaged (its project is not valid JSON text)');
  }
  return parseProject(json);
}
