#include "nn/planner.h"

namespace nn {

int MemoryPlanner::AddBuffer(int32_t size, int32_t first_use, int32_t last_use) {
    if (count_ >= kMaxBuffers || size < 0 || first_use < 0 || last_use < first_use)
        return -1;
    size_[count_] = size;
    first_[count_] = first_use;
    last_[count_] = last_use;
    offset_[count_] = 0;
    return count_++;
}

int32_t MemoryPlanner::RequiredBytes() const {
    int32_t required = 0;
    for (int i = 0; i < count_; ++i) {
        const int32_t end = offset_[i] + size_[i];
        if (end > required)
            required = end;
    }
    return required;
}

bool MemoryPlanner::HasOverlap() const {
    for (int i = 0; i < count_; ++i) {
        for (int j = i + 1; j < count_; ++j) {
            if (size_[i] == 0 || size_[j] == 0)
                continue;
            const bool live_together = first_[i] <= last_[j] && first_[j] <= last_[i];
            const bool share_bytes = offset_[i] < offset_[j] + size_[j] && offset_[j] < offset_[i] + size_[i];
            if (live_together && share_bytes)
                return true;
        }
    }
    return false;
}

void LinearPlanner::Plan() {
    int32_t next = 0;
    for (int i = 0; i < count_; ++i) {
        offset_[i] = next;
        next = AlignUp(next + size_[i], kArenaAlignment);
    }
}

void GreedyPlanner::Plan() {
    // Insertion sort: size descending, ties by id (stable).
    for (int i = 0; i < count_; ++i) {
        int j = i;
        while (j > 0 && size_[order_[j - 1]] < size_[i]) {
            order_[j] = order_[j - 1];
            --j;
        }
        order_[j] = i;
    }
    int num_placed = 0;
    for (int k = 0; k < count_; ++k) {
        const int id = order_[k];
        int32_t candidate = 0;
        for (int q = 0; q < num_placed; ++q) {
            const int p = placed_[q];
            const bool live_together = first_[p] <= last_[id] && first_[id] <= last_[p];
            if (!live_together)
                continue;
            if (candidate + size_[id] <= offset_[p])
                break;  // fits in the gap below p (and below all later ones)
            const int32_t end = AlignUp(offset_[p] + size_[p], kArenaAlignment);
            if (end > candidate)
                candidate = end;
        }
        offset_[id] = candidate;
        // Keep placed_ sorted by (offset, id).
        int j = num_placed;
        while (j > 0 &&
               (offset_[placed_[j - 1]] > candidate || (offset_[placed_[j - 1]] == candidate && placed_[j - 1] > id))) {
            placed_[j] = placed_[j - 1];
            --j;
        }
        placed_[j] = id;
        ++num_placed;
    }
}

}  // namespace nn
