// planner.h — arena memory planning behind a small interface (TFLite Micro's MemoryPlanner idea).
//
//   planner.Reset();
//   int id = planner.AddBuffer(bytes, first_use, last_use);   // lifetime in op indices, inclusive
//   planner.Plan();
//   planner.offset(id); planner.RequiredBytes();
//
// Two strategies: LinearPlanner (every buffer gets its own space, in insertion order) and GreedyPlanner (largest
// first; each buffer goes to the lowest 16-aligned offset that does not overlap a placed buffer alive at the same
// time). Offsets are multiples of 16. Fixed capacity, no heap. Twin: src/ml/kernels/planner.ts (same offsets).
#ifndef NN_PLANNER_H
#define NN_PLANNER_H

#include <cstdint>

namespace nn {

constexpr int32_t kArenaAlignment = 16;
inline int32_t AlignUp(int32_t v, int32_t a) { return (v + a - 1) / a * a; }

class MemoryPlanner {
public:
    static constexpr int kMaxBuffers = 128;
    virtual const char* Name() const = 0;
    // Computes offsets for all buffers added so far.
    virtual void Plan() = 0;

    void Reset() { count_ = 0; }
    // Returns the buffer id, or -1 when the planner is full or the arguments are invalid.
    int AddBuffer(int32_t size, int32_t first_use, int32_t last_use);
    int num_buffers() const { return count_; }
    int32_t size(int id) const { return size_[id]; }
    int32_t first_use(int id) const { return first_[id]; }
    int32_t last_use(int id) const { return last_[id]; }
    int32_t offset(int id) const { return offset_[id]; }
    // max(offset + size) over all buffers (0 when empty).
    int32_t RequiredBytes() const;
    // True when two buffers with intersecting lifetimes and non-zero sizes share bytes (for tests).
    bool HasOverlap() const;

protected:
    MemoryPlanner() = default;
    ~MemoryPlanner() = default;
    int count_ = 0;
    int32_t size_[kMaxBuffers] = {};
    int32_t first_[kMaxBuffers] = {};
    int32_t last_[kMaxBuffers] = {};
    int32_t offset_[kMaxBuffers] = {};
};

class LinearPlanner final : public MemoryPlanner {
public:
    const char* Name() const override { return "linear"; }
    void Plan() override;
};

class GreedyPlanner final : public MemoryPlanner {
public:
    const char* Name() const override { return "greedy"; }
    void Plan() override;

private:
    int order_[kMaxBuffers] = {};   // by size descending, then id
    int placed_[kMaxBuffers] = {};  // placed ids by offset ascending, then id
};

}  // namespace nn

#endif  // NN_PLANNER_H
