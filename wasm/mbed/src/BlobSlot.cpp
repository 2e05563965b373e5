// BlobSlot.cpp — SIM_IRQ_BLOB notifications through the runtime's blob handler table; reads with sim_blob_read, writes
// with sim_blob_write.
#include "BlobSlot.h"

#include "mbed_critical.h"
#include "sim_runtime.h"

namespace mbed {

BlobSlot::BlobSlot(uint32_t slot) : slot_(slot) {
    if (slot >= SIM_MAX_BLOB_SLOTS) {
        sim_rt::faultf("BlobSlot: slot %u out of range 0..%u", static_cast<unsigned>(slot), SIM_MAX_BLOB_SLOTS - 1u);
    }
    sim_rt::blob_irq_set(&BlobSlot::on_update, this);
}

BlobSlot::~BlobSlot() { sim_rt::blob_irq_set(nullptr, this); }

int32_t BlobSlot::read(void* buffer, size_t size) const {
    return sim_blob_read(slot_, static_cast<uint8_t*>(buffer), static_cast<uint32_t>(size));
}

bool BlobSlot::write(const void* data, size_t size) {
    return sim_blob_write(slot_, static_cast<const uint8_t*>(data), static_cast<uint32_t>(size)) == 0;
}

void BlobSlot::attach(Callback<void()> handler) {
    core_util_critical_section_enter();
    handler_ = handler;
    core_util_critical_section_exit();
}

void BlobSlot::on_update(void* self, uint32_t slot) {
    BlobSlot* b = static_cast<BlobSlot*>(self);
    if (slot == b->slot_ && b->handler_) {
        b->handler_();
    }
}

}  // namespace mbed
