// top_k.cpp — see top_k.h.
#include "top_k.h"

#include "nn/quant_util.h"

TopK top_k(const nn::Tensor& output) {
    TopK t{};
    const int n = output.shape.FlatSize();
    const int8_t* v = output.i8();
    for (int i = 0; i < n; ++i) {
        // Insert i after every kept entry at least as high, so equal values keep their index order.
        int at = t.count;
        while (at > 0 && v[i] > v[t.index[at - 1]]) {
            --at;
        }
        if (at >= kMaxTopK) {
            continue;
        }
        const int last = t.count < kMaxTopK ? t.count : kMaxTopK - 1;
        for (int j = last; j > at; --j) {
            t.index[j] = t.index[j - 1];
        }
        t.index[at] = i;
        if (t.count < kMaxTopK) {
            ++t.count;
        }
    }
    for (int j = 0; j < t.count; ++j) {
        t.score[j] = nn::DequantizeValue(v[t.index[j]], output.quant.scale, output.quant.zero_point);
    }
    return t;
}
