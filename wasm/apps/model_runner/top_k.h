// top_k.h — the k highest values of an int8 output, dequantized with its scale and zero point (ties: the lower
// class index first, as TFLite's top-k and argmax do).
#ifndef TOP_K_H
#define TOP_K_H

#include "nn/tensor.h"

constexpr int kMaxTopK = 5;

struct TopK {
    int count;  // min(kMaxTopK, output elements)
    int index[kMaxTopK];
    float score[kMaxTopK];
};

TopK top_k(const nn::Tensor& output);

#endif
