// nn.h — umbrella header of the int8 inference library (C++17, standard library only; no HAL, no heap, no
// exceptions or RTTI). See graph.h for how an application builds and runs a model.
#ifndef NN_NN_H
#define NN_NN_H

#include "fixedpoint.h"
#include "graph.h"
#include "ops.h"
#include "planner.h"
#include "quant_util.h"
#include "reference_ops.h"
#include "tensor.h"

#endif  // NN_NN_H
