#include "nn/graph.h"

namespace nn {

Graph::Graph(Op* const* ops, int num_ops, uint8_t* arena, int32_t arena_bytes)
    : ops_(ops), num_ops_(num_ops), arena_(arena), arena_bytes_(arena_bytes) {}

int Graph::FindTensor(const Tensor* t) const {
    for (int i = 0; i < num_tensors_; ++i) {
        if (tensors_[i] == t)
            return i;
    }
    return -1;
}

Status Graph::AddTensor(Tensor* t, int op_index, bool is_output) {
    if (t == nullptr || t->is_const)
        return Status::kOk;
    int id = FindTensor(t);
    if (id < 0) {
        if (num_tensors_ >= kMaxTensors)
            return ctx_.Fail("more than %d activation tensors", kMaxTensors);
        id = num_tensors_++;
        tensors_[id] = t;
        produced_[id] = false;
        first_use_[id] = 0;  // graph input unless an op produces it
        last_use_[id] = -1;
    }
    if (is_output) {
        if (produced_[id])
            return ctx_.Fail("tensor produced by two ops");
        if (last_use_[id] >= 0)
            return ctx_.Fail("tensor consumed before it is produced (ops out of order)");
        produced_[id] = true;
        first_use_[id] = op_index;
        if (last_use_[id] < op_index)
            last_use_[id] = op_index;
    } else if (op_index > last_use_[id]) {
        last_use_[id] = op_index;
    }
    return Status::kOk;
}

Status Graph::Prepare(MemoryPlanner* planner) {
    prepared_ = false;
    planner_ = planner != nullptr ? planner : &default_planner_;
    ctx_.Reset(arena_, arena_bytes_);
    num_tensors_ = 0;
    if (num_ops_ < 0 || num_ops_ > kMaxOps)
        return ctx_.Fail("graph has %d ops (max %d)", num_ops_, kMaxOps);

    // Lifetimes from the op order.
    for (int i = 0; i < num_ops_; ++i) {
        Op* op = ops_[i];
        if (op == nullptr)
            return ctx_.Fail("op %d is null", i);
        ctx_.BeginOp(op->Name(), i);
        for (int k = 0; k < op->num_inputs(); ++k) {
            if (AddTensor(op->input(k), i, false) != Status::kOk)
                return Status::kError;
        }
        if (op->output() == nullptr)
            return ctx_.Fail("output is missing");
        if (op->output()->is_const)
            return ctx_.Fail("output must not be const");
        if (AddTensor(op->output(), i, true) != Status::kOk)
            return Status::kError;
    }
    ctx_.BeginOp("Graph", -1);
    const int32_t last_op = num_ops_ > 0 ? num_ops_ - 1 : 0;
    for (int t = 0; t < num_tensors_; ++t) {
        // Graph inputs live from op 0 (set in AddTensor). Outputs nobody consumes, and keep_alive tensors, stay
        // readable after Invoke: they live to the last op.
        const bool consumed_after_production = last_use_[t] > first_use_[t];
        if (tensors_[t]->keep_alive || (produced_[t] && !consumed_after_production))
            last_use_[t] = last_op;
    }

    // Prepare ops (they may allocate persistent memory from the top of the arena).
    for (int i = 0; i < num_ops_; ++i) {
        ctx_.BeginOp(ops_[i]->Name(), i);
        const int32_t before = ctx_.persistent_bytes();
        if (ops_[i]->Prepare(ctx_) != Status::kOk)
            return Status::kError;
        op_persistent_[i] = ctx_.persistent_bytes() - before;
    }

    // Plan the activations into the bottom of the arena.
    ctx_.BeginOp("Graph", -1);
    planner_->Reset();
    for (int t = 0; t < num_tensors_; ++t) {
        if (planner_->AddBuffer(tensors_[t]->Bytes(), first_use_[t], last_use_[t]) != t) {
            return ctx_.Fail("planner rejected tensor %d", t);
        }
    }
    planner_->Plan();
    planned_bytes_ = AlignUp(planner_->RequiredBytes(), kArenaAlignment);
    const int32_t available = static_cast<int32_t>(ctx_.persistent_floor() - ctx_.arena_base());
    if (planned_bytes_ > available) {
        return ctx_.Fail("arena too small: needs %d bytes (%d activations + %d persistent), has %d",
                         static_cast<int>(planned_bytes_ + ctx_.persistent_bytes()), static_cast<int>(planned_bytes_),
                         static_cast<int>(ctx_.persistent_bytes()),
                         static_cast<int>(available + ctx_.persistent_bytes()));
    }
    for (int t = 0; t < num_tensors_; ++t)
        tensors_[t]->data = ctx_.arena_base() + planner_->offset(t);
    prepared_ = true;
    return Status::kOk;
}

Status Graph::Invoke() {
    if (!prepared_)
        return Status::kError;
    for (int i = 0; i < num_ops_; ++i)
        ops_[i]->Eval();
    return Status::kOk;
}

Status Graph::InvokeOp(int i) {
    if (!prepared_ || i < 0 || i >= num_ops_)
        return Status::kError;
    ops_[i]->Eval();
    return Status::kOk;
}

void Graph::GetLayerStats(int i, LayerStats* s) const {
    *s = LayerStats();
    if (i < 0 || i >= num_ops_)
        return;
    const Op* op = ops_[i];
    OpStats os;
    op->Stats(&os);
    s->op = op->Name();
    s->kernel = os.kernel;
    if (op->num_inputs() > 0 && op->input(0) != nullptr)
        s->input_shape = op->input(0)->shape;
    s->output_shape = op->output()->shape;
    s->output_elements = op->output()->shape.FlatSize();
    s->macs = os.macs;
    s->weight_bytes = os.weight_bytes;
    s->bias_bytes = os.bias_bytes;
    s->scale_bytes = os.scale_bytes;
    s->multiplier_bytes = os.multiplier_bytes;
    s->quant_param_bytes = os.bias_bytes + os.scale_bytes + os.multiplier_bytes;
    s->persistent_bytes = prepared_ ? op_persistent_[i] : 0;
    for (int k = 0; k < op->num_inputs(); ++k) {
        const Tensor* t = op->input(k);
        if (t != nullptr && !t->is_const)
            s->activation_bytes += t->Bytes();
    }
    s->activation_bytes += op->output()->Bytes();
    for (int t = 0; t < num_tensors_; ++t) {
        if (first_use_[t] <= i && i <= last_use_[t])
            s->live_bytes += tensors_[t]->Bytes();
    }
}

void Graph::GetStats(GraphStats* s) const {
    *s = GraphStats();
    s->num_layers = num_ops_;
    for (int i = 0; i < num_ops_; ++i) {
        LayerStats l;
        GetLayerStats(i, &l);
        s->macs += l.macs;
        s->weight_bytes += l.weight_bytes;
        s->bias_bytes += l.bias_bytes;
        s->scale_bytes += l.scale_bytes;
        s->multiplier_bytes += l.multiplier_bytes;
        s->quant_param_bytes += l.quant_param_bytes;
        if (l.live_bytes > s->peak_live_bytes)
            s->peak_live_bytes = l.live_bytes;
    }
    s->flash_bytes = s->weight_bytes + s->bias_bytes + s->scale_bytes;
    s->planned_bytes = prepared_ ? planned_bytes_ : 0;
    s->persistent_bytes = prepared_ ? ctx_.persistent_bytes() : 0;
    s->arena_bytes = s->planned_bytes + s->persistent_bytes;
    const uintptr_t start = reinterpret_cast<uintptr_t>(arena_);
    const uintptr_t aligned = (start + 15u) & ~uintptr_t{15};
    const uintptr_t end = (start + static_cast<uintptr_t>(arena_bytes_ > 0 ? arena_bytes_ : 0)) & ~uintptr_t{15};
    s->arena_capacity = end > aligned ? static_cast<int32_t>(end - aligned) : 0;
    for (int t = 0; t < num_tensors_; ++t)
        s->unplanned_bytes += tensors_[t]->Bytes();
    s->planner = planner_->Name();
}

}  // namespace nn
