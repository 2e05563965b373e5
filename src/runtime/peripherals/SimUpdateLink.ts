// The board's link to its update server, as a LwM2M device pulls a firmware package: the server offers a package
// (Object 5's Package URI), the device fetches it block by block (CoAP block-wise transfer, RFC 7959: at most 1,024
// bytes a block) and may resume after an interruption, recognising the package by its ETag (RFC 7252 §5.10.6).
//
// Time is virtual: a block's answer is due one round trip plus its bytes at the link's rate after the request; the
// firmware sleeps until then and reads it. While the link is down a request gets no answer: it fails when its
// exchange would have timed out. Offering or withdrawing a package raises SIM_IRQ_LINK.
import { LINK_BLOCK_BYTES, LINK_ETAG_BYTES, LinkEvent, LinkStatus } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';

export interface LinkProfile {
  /** Payload rate, bits per second. */
  bitsPerSecond: number;
  /** Request to first byte of the answer, µs. */
  roundTripUs: number;
  /** How long a request without an answer waits before it fails, µs. */
  timeoutUs: number;
}

/**
 * IEEE 802.15.4 at 2.4 GHz (the radio of Thread and 6LoWPAN boards): 250 kbit/s (IEEE 802.15.4-2020, §10.2.2).
 * CoAP's ACK_TIMEOUT is 2 s (RFC 7252 §4.8); a blocked request gives up after it.
 */
export const DEFAULT_LINK: LinkProfile = { bitsPerSecond: 250_000, roundTripUs: 20_000, timeoutUs: 2_000_000 };

interface Offer {
  bytes: Uint8Array;
  etag: Uint8Array;
}

interface Pending {
  offer: Offer;
  offset: number;
  length: number;
  sentUs: number;
  dueUs: number;
  /** The link was down when the request went out, or went down before its answer was due. */
  lost: boolean;
}

export class SimUpdateLink {
  private offer: Offer | undefined;
  private pending: Pending | undefined;
  private connected = true;
  private readonly events = new Listeners<number>();

  constructor(readonly profile: LinkProfile = DEFAULT_LINK) {}

  /** Called with a LinkEvent when a package is offered or withdrawn (the simulator raises SIM_IRQ_LINK). */
  addListener(fn: (event: number) => void): () => void {
    return this.events.add(fn);
  }

  /** The server offers `bytes`, identified by `etag` (LINK_ETAG_BYTES, e.g. the start of its SHA-256). */
  offerPackage(bytes: Uint8Array, etag: Uint8Array): void {
    if (etag.length !== LINK_ETAG_BYTES) throw new Error(`SimUpdateLink: an ETag has ${LINK_ETAG_BYTES} bytes`);
    this.offer = { bytes: bytes.slice(), etag: etag.slice() };
    this.events.emit(LinkEvent.OFFERED);
  }

  /** The server withdraws its offer (the update was cancelled). */
  withdraw(): void {
    if (!this.offer) return;
    this.offer = undefined;
    this.events.emit(LinkEvent.WITHDRAWN);
  }

  /** Takes the link down or brings it back; an answer not yet due when it goes down is lost. */
  setConnected(connected: boolean): void {
    this.connected = connected;
    const p = this.pending;
    if (!connected && p && !p.lost) {
      p.lost = true;
      p.dueUs = Math.max(p.dueUs, p.sentUs + this.profile.timeoutUs);
    }
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get offered(): { size: number; etag: Uint8Array } | undefined {
    return this.offer && { size: this.offer.bytes.length, etag: this.offer.etag };
  }

  /** When the answer to the pending request is due, µs. */
  get dueUs(): number | undefined {
    return this.pending?.dueUs;
  }

  /** Asks for `length` bytes at `offset`: the virtual µs the answer is due, or LinkStatus.BAD_REQUEST. */
  request(offset: number, length: number, nowUs: number): number {
    const offer = this.offer;
    if (!offer || length < 1 || length > LINK_BLOCK_BYTES || offset < 0 || offset + length > offer.bytes.length)
      return LinkStatus.BAD_REQUEST;
    const lost = !this.connected;
    const dueUs = lost
      ? nowUs + this.profile.timeoutUs
      : nowUs + this.profile.roundTripUs + Math.ceil((length * 8 * 1e6) / this.profile.bitsPerSecond);
    this.pending = { offer, offset, length, sentUs: nowUs, dueUs, lost };
    return dueUs;
  }

  /** The answer to the last request: its bytes, or the LinkStatus why there are none. */
  read(nowUs: number): Uint8Array | number {
    const p = this.pending;
    if (!p) return LinkStatus.NO_REQUEST;
    if (nowUs < p.dueUs) return LinkStatus.NOT_YET;
    this.pending = undefined;
    if (p.lost) return LinkStatus.CONNECTION_LOST;
    if (p.offer !== this.offer) return LinkStatus.OFFER_CHANGED;
    return p.offer.bytes.subarray(p.offset, p.offset + p.length);
  }
}
