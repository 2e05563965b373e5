// UpdateLink.h — the board's link to its update server: a package on offer, fetched block by block as a LwM2M
// device pulls a firmware package over CoAP (block-wise transfer, at most SIM_LINK_BLOCK_BYTES a block).
//
// fetch() blocks the calling thread for the block's transfer time (virtual time; interrupts run meanwhile) and
// returns the bytes or why there are none. attach() a handler to hear, in interrupt context, that a package was
// offered or withdrawn (post the work to an EventQueue).
//
//   UpdateLink link;
//   UpdateLink::Offer offer;
//   if (link.offer(&offer)) {
//       uint8_t block[SIM_LINK_BLOCK_BYTES];
//       int32_t n = link.fetch(0, block, sizeof block);  // bytes, or a negative UpdateLink::Status
//   }
#ifndef MBED_UPDATELINK_H
#define MBED_UPDATELINK_H

#include <stddef.h>
#include <stdint.h>

#include "Callback.h"
#include "NonCopyable.h"
#include "sim_abi.h"

namespace mbed {

class UpdateLink : private NonCopyable<UpdateLink> {
public:
    enum Status : int32_t {
        kBadRequest = SIM_LINK_BAD_REQUEST,
        kNotYet = SIM_LINK_NOT_YET,
        kConnectionLost = SIM_LINK_CONNECTION_LOST,
        kOfferChanged = SIM_LINK_OFFER_CHANGED,
    };
    enum Event : uint32_t { kOffered = SIM_LINK_OFFERED, kWithdrawn = SIM_LINK_WITHDRAWN };

    struct Offer {
        uint32_t size;
        uint8_t etag[SIM_LINK_ETAG_BYTES];
    };

    UpdateLink();
    ~UpdateLink();

    // The package on offer; false when there is none.
    bool offer(Offer* out) const;
    // Fetches `size` bytes (1 .. SIM_LINK_BLOCK_BYTES) at `offset` of the package on offer into `buffer`; returns
    // their count or a negative Status. Thread context only.
    int32_t fetch(uint32_t offset, void* buffer, uint32_t size);
    // The same in two halves, for code that must not block (e.g. one queue event per block): request() returns the
    // virtual µs the answer is due (or kBadRequest); collect() then returns the byte count, a negative Status, or
    // kNotYet with a new due time in `*due_us` (the link went down and the request waits for its timeout).
    int64_t request(uint32_t offset, uint32_t size);
    int32_t collect(void* buffer, uint32_t size, int64_t* due_us);
    // Call `handler(event)` in interrupt context when a package is offered or withdrawn (nullptr detaches).
    void attach(Callback<void(uint32_t)> handler);

private:
    static void on_event(void* self, uint32_t event);

    Callback<void(uint32_t)> handler_;
};

}  // namespace mbed

#endif
