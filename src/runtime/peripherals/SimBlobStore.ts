// Numbered blobs the host hands to the firmware (e.g. model parameters pushed as a remote update). Replacing a
// blob notifies the firmware through SIM_IRQ_BLOB.
import { MAX_BLOB_SLOTS } from '../abi/abiSpec';
import { Listeners } from '../../shared/Listeners';

export const MAX_BLOB_BYTES = 1 << 20;

export class SimBlobStore {
  private readonly slots = new Map<number, Uint8Array>();
  private readonly replaced = new Listeners<number>();

  put(slot: number, data: Uint8Array): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= MAX_BLOB_SLOTS) throw new Error(`SimBlobStore: no slot ${slot}`);
    if (data.length > MAX_BLOB_BYTES) throw new Error(`SimBlobStore: blob of ${data.length} bytes exceeds ${MAX_BLOB_BYTES}`);
    this.slots.set(slot, data.slice());
    this.replaced.emit(slot);
  }

  get(slot: number): Uint8Array | undefined {
    return this.slots.get(slot);
  }

  addListener(fn: (slot: number) => void): () => void {
    return this.replaced.add(fn);
  }
}
