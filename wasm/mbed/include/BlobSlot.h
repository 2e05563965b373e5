// BlobSlot.h — a numbered slot of data the host can replace while the firmware runs (model parameters pushed as
// a remote update, a test image to classify).
//
// read() copies the slot's current blob; attach() a handler to hear, in interrupt context, that the host put a
// new one there (post the work to an EventQueue: parsing a blob is too long for an interrupt).
//
//   BlobSlot model_slot(1);
//   model_slot.attach(queue.event(reload_model));
//   int32_t n = model_slot.read(buf, sizeof buf);  // the blob's full length, -1 when the slot is empty
//   learned_slot.write(&record, sizeof record);    // kept across a reset, as flash is
#ifndef MBED_BLOBSLOT_H
#define MBED_BLOBSLOT_H

#include <stddef.h>
#include <stdint.h>

#include "Callback.h"
#include "NonCopyable.h"

namespace mbed {

class BlobSlot : private NonCopyable<BlobSlot> {
public:
    // `slot` is 0 .. SIM_MAX_BLOB_SLOTS - 1 (a bad slot is a fault).
    explicit BlobSlot(uint32_t slot);
    ~BlobSlot();

    uint32_t slot() const { return slot_; }
    // Copies up to `size` bytes of the blob into `buffer`; returns the blob's full length, or -1 when the slot is
    // empty. A return value above `size` means the blob was cut short.
    int32_t read(void* buffer, size_t size) const;
    // Stores `size` bytes in the slot, as a device writes its own flash (e.g. a model it learned): the data outlives
    // a reset. Raises no notification. Returns false for more than the host keeps (1 MiB).
    bool write(const void* data, size_t size);
    // Empties the slot.
    void erase() { write(nullptr, 0); }
    // Call `handler` in interrupt context each time the host replaces this slot's blob (nullptr detaches).
    void attach(Callback<void()> handler);

private:
    static void on_update(void* self, uint32_t slot);

    uint32_t slot_;
    Callback<void()> handler_;
};

}  // namespace mbed

#endif
