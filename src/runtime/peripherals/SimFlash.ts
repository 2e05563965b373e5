// The STM32F413's internal flash as the firmware's flash controller sees it (geometry and timings: flashMap.ts):
//  - erase works on whole sectors and sets every byte to 0xFF;
//  - programming writes 32-bit words (x32 parallelism) at word-aligned addresses and only clears bits; a word
//    that is not erased is refused (see below), as is an unaligned address or length, or one outside the flash;
//  - each operation reports how long the controller stays busy (BSY), in µs: the caller lets that much virtual
//    time pass before the firmware continues.
// A refused operation changes nothing. The STM32F4 controllers accept a further write that only clears bits of a
// programmed word (RM0090 Rev 4, section 3.5.4, the note under "Standard programming"); the simulated one refuses
// any word that is not erased (NOT_ERASED), as controllers with flash ECC do, so a driver that forgets to erase
// fails loudly instead of leaving the AND of old and new data.
// The contents are the board's: whoever runs the board keeps them across Reset (snapshot/restore, write events).
import { FlashStatus } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';
import {
  FLASH_BASE,
  FLASH_BYTES,
  FLASH_ERASED_BYTE,
  FLASH_PROGRAM_BYTES,
  FLASH_WORD_PROGRAM_US,
  sectorAt,
} from './flashMap';

export type FlashStatusCode = (typeof FlashStatus)[keyof typeof FlashStatus];

export interface FlashResult {
  status: FlashStatusCode;
  /** Virtual time the controller is busy, µs (0 when refused). */
  busyUs: number;
}

/** A change of the contents, in the order the firmware made them: replaying them on a copy gives the same flash. */
export type FlashWriteOp =
  { kind: 'erase'; address: number; bytes: number } | { kind: 'program'; address: number; data: Uint8Array };

const refused = (status: FlashStatusCode): FlashResult => ({ status, busyUs: 0 });

export class SimFlash {
  readonly base = FLASH_BASE;
  readonly size = FLASH_BYTES;
  private readonly bytes: Uint8Array;
  private readonly writes = new Listeners<FlashWriteOp>();

  /** A new board's flash is erased; `contents` restores what a board had (FLASH_BYTES bytes). */
  constructor(contents?: Uint8Array) {
    if (contents && contents.length !== FLASH_BYTES)
      throw new Error(`SimFlash: contents of ${contents.length} bytes, the flash has ${FLASH_BYTES}`);
    this.bytes = contents ? contents.slice() : new Uint8Array(FLASH_BYTES).fill(FLASH_ERASED_BYTE);
  }

  /** A copy of the whole flash. */
  snapshot(): Uint8Array {
    return this.bytes.slice();
  }

  /** Copies `length` bytes from `address`; undefined when the range leaves the flash. */
  read(address: number, length: number): Uint8Array | undefined {
    if (!this.inRange(address, length)) return undefined;
    return this.bytes.slice(address - FLASH_BASE, address - FLASH_BASE + length);
  }

  /** Erases the sector that starts at `address`. */
  eraseSector(address: number): FlashResult {
    const sector = sectorAt(address);
    if (!sector) return refused(FlashStatus.RANGE);
    if (sector.address !== address) return refused(FlashStatus.ALIGN);
    this.apply({ kind: 'erase', address, bytes: sector.bytes });
    return { status: FlashStatus.OK, busyUs: sector.eraseUs };
  }

  /** Programs `data` (a whole number of words) at word-aligned `address`; every word there must be erased. */
  program(address: number, data: Uint8Array): FlashResult {
    if (!this.inRange(address, data.length)) return refused(FlashStatus.RANGE);
    if (address % FLASH_PROGRAM_BYTES !== 0 || data.length % FLASH_PROGRAM_BYTES !== 0)
      return refused(FlashStatus.ALIGN);
    const at = address - FLASH_BASE;
    for (let i = 0; i < data.length; i++) {
      if (this.bytes[at + i] !== FLASH_ERASED_BYTE) return refused(FlashStatus.NOT_ERASED);
    }
    this.apply({ kind: 'program', address, data: data.slice() });
    return { status: FlashStatus.OK, busyUs: (data.length / FLASH_PROGRAM_BYTES) * FLASH_WORD_PROGRAM_US };
  }

  /** Replays a change made on another copy of this flash (the page's copy of the board's). */
  apply(op: FlashWriteOp): void {
    const at = op.address - FLASH_BASE;
    if (op.kind === 'erase') this.bytes.fill(FLASH_ERASED_BYTE, at, at + op.bytes);
    else for (let i = 0; i < op.data.length; i++) this.bytes[at + i] &= op.data[i];
    this.writes.emit(op);
  }

  /** Called after each change the firmware (or apply) made. */
  addWriteListener(fn: (op: FlashWriteOp) => void): () => void {
    return this.writes.add(fn);
  }

  private inRange(address: number, length: number): boolean {
    return (
      Number.isInteger(address) &&
      Number.isInteger(length) &&
      length >= 0 &&
      address >= FLASH_BASE &&
      address + length <= FLASH_BASE + FLASH_BYTES
    );
  }
}
