// graph.h — a small interpreter: an ordered list of ops over tensors, an arena, a planner, and the figures.
//
//   static nn::Op* const kOps[] = {&fc1, &fc2, &fc3, &softmax};
//   alignas(16) static uint8_t arena[8 * 1024];
//   static nn::Graph graph(kOps, 4, arena, sizeof(arena));
//   if (graph.Prepare() != nn::Status::kOk) printf("%s\n", graph.error());
//   memcpy(input.data, pixels, 784);  graph.Invoke();  read output.data
//
// Prepare runs every op's Prepare in order (validation, multipliers, persistent data from the arena's top), derives
// each activation tensor's lifetime from the op order (graph inputs live from op 0, tensors nobody consumes or marked
// keep_alive live to the last op), plans their offsets in the arena's bottom, and sets their data pointers.
// Ops must be listed in execution (topological) order.
#ifndef NN_GRAPH_H
#define NN_GRAPH_H

#include <cstdint>

#include "ops.h"
#include "planner.h"
#include "tensor.h"

namespace nn {

struct LayerStats {
    const char* op = "";
    const char* kernel = "reference";
    Shape input_shape;  // first input
    Shape output_shape;
    int64_t macs = 0;
    int32_t output_elements = 0;
    int32_t weight_bytes = 0;       // const int8 weights ("flash")
    int32_t bias_bytes = 0;         // const int32 bias ("flash")
    int32_t scale_bytes = 0;        // stored float scales + int32 zero point of const weights ("flash")
    int32_t multiplier_bytes = 0;   // int32 multiplier + shift pairs computed in Prepare (arena persistent area)
    int32_t quant_param_bytes = 0;  // bias + scale + multiplier bytes
    int32_t persistent_bytes = 0;   // arena bytes this op's Prepare allocated (multipliers, SIMD row sums; 16-aligned)
    int32_t activation_bytes = 0;   // this op's arena inputs + output
    int32_t live_bytes = 0;         // all arena tensors alive while this op runs
};

struct GraphStats {
    int32_t num_layers = 0;
    int64_t macs = 0;
    int32_t weight_bytes = 0;
    int32_t bias_bytes = 0;
    int32_t scale_bytes = 0;
    int32_t multiplier_bytes = 0;
    int32_t quant_param_bytes = 0;
    int32_t flash_bytes = 0;       // weights + bias + stored scales: the model's const data
    int32_t planned_bytes = 0;     // activation region from the planner
    int32_t persistent_bytes = 0;  // persistent region (multipliers, row sums)
    int32_t arena_bytes = 0;       // planned + persistent: the arena the model needs
    int32_t arena_capacity = 0;    // the arena provided (after 16-byte alignment)
    int32_t unplanned_bytes = 0;   // sum of all activation tensors (what no reuse would need)
    int32_t peak_live_bytes = 0;   // max live_bytes over layers (a lower bound for any plan)
    const char* planner = "";
};

class Graph {
public:
    static constexpr int kMaxOps = 64;
    static constexpr int kMaxTensors = MemoryPlanner::kMaxBuffers;

    Graph(Op* const* ops, int num_ops, uint8_t* arena, int32_t arena_bytes);
    // planner: nullptr uses the built-in GreedyPlanner.
    Status Prepare(MemoryPlanner* planner = nullptr);
    // Runs all ops; kError only if Prepare did not succeed.
    Status Invoke();
    // Runs op i only (for per-layer timing).
    Status InvokeOp(int i);

    const char* error() const { return ctx_.error(); }
    bool prepared() const { return prepared_; }
    int num_ops() const { return num_ops_; }
    Op* op(int i) const { return ops_[i]; }
    int num_tensors() const { return num_tensors_; }
    Tensor* tensor(int i) const { return tensors_[i]; }
    int32_t tensor_offset(int i) const { return planner_->offset(i); }
    int32_t tensor_first_use(int i) const { return first_use_[i]; }
    int32_t tensor_last_use(int i) const { return last_use_[i]; }

    void GetLayerStats(int i, LayerStats* s) const;
    void GetStats(GraphStats* s) const;

private:
    int FindTensor(const Tensor* t) const;
    Status AddTensor(Tensor* t, int op_index, bool is_output);

    Op* const* ops_;
    int num_ops_;
    uint8_t* arena_;
    int32_t arena_bytes_;
    Context ctx_;
    GreedyPlanner default_planner_;
    MemoryPlanner* planner_ = &default_planner_;
    bool prepared_ = false;
    int num_tensors_ = 0;
    Tensor* tensors_[kMaxTensors] = {};
    int32_t first_use_[kMaxTensors] = {};
    int32_t last_use_[kMaxTensors] = {};
    bool produced_[kMaxTensors] = {};
    int32_t op_persistent_[kMaxOps] = {};
    int32_t planned_bytes_ = 0;
};

}  // namespace nn

#endif  // NN_GRAPH_H
