// ops.h — int8 operators: Prepare validates and precomputes once, Eval allocates nothing and calls a pure reference
// function from reference_ops.h (the shape of TFLite Micro's kernels). One header per op family, each the twin of
// the same-named file in src/ml/kernels/ops/.
//
// Ops are plain objects, usually static, wired to Tensor objects at construction:
//   static nn::FullyConnected fc1(&input, &w1, &b1, &hidden1, nn::Activation::kRelu);
// A Graph (graph.h) prepares them in order, plans the arena and invokes them.
#ifndef NN_OPS_H
#define NN_OPS_H

#include "activations.h"
#include "arg_max.h"
#include "conv.h"
#include "elementwise.h"
#include "fully_connected.h"
#include "op.h"
#include "pooling.h"
#include "quantize.h"
#include "reshape.h"

#endif  // NN_OPS_H
