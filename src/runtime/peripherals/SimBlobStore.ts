// Numbered blobs: the board's flash. The host hands the firmware blobs (e.g. model parameters pushed as a remote
// update; replacing one notifies the firmware through SIM_IRQ_BLOB), and the firmware stores its own (a model it
// learned). Whoever runs the board keeps them across a reset by putting them into the next board before boot.
import { MAX_BLOB_SLOTS } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';

export const MAX_BLOB_BYTES = 1 << 20;

export class SimBlobStore {
  private readonly slots = new Map<number, Uint8Array>();
  private readonly replaced = new Listeners<number>();
  private readonly written = new Listeners<{ slot: number; data: Uint8Array | undefined }>();

  put(slot: number, data: Uint8Array): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_BLOB_SLOTS) throw new Error(`SimBlobStore: no slot ${slot}`);
    if (data.length > MAX_BLOB_BYTES)
      throw new Error(`SimBlobStore: blob of ${data.length} bytes exceeds ${MAX_BLOB_BYTES}`);
    this.slots.set(slot, data.slice());
    this.replaced.emit(slot);
  }

  /** The firmware stores `data` in `slot`, or erases it (undefined); false for a bad slot or an oversized blob. */
  write(slot: number, data: Uint8Array | undefined): boolean {
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_BLOB_SLOTS || (data && data.length > MAX_BLOB_BYTES))
      return false;
    if (data) this.slots.set(slot, data.slice());
    else this.slots.delete(slot);
    this.written.emit({ slot, data: data?.slice() });
    return true;
  }

  get(slot: number): Uint8Array | undefined {
    return this.slots.get(slot);
  }

  /** Called when the host replaces a blob. */
  addListener(fn: (slot: number) => void): () => void {
    return this.replaced.add(fn);
  }

  /** Called when the firmware stores or erases a blob (data undefined). */
  addWriteListener(fn: (write: { slot: number; data: Uint8Array | undefined }) => void): () => void {
    return this.written.add(fn);
  }
}
