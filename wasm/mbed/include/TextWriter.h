// TextWriter.h — builds text into a bounded buffer without printf: strings, integers and fixed-point numbers.
//
// Mbed OS 6's minimal printf leaves %f out by default, and a full printf formats floats through software long
// double arithmetic on small cores (and on wasm32); a firmware that formats a line per sample is cheaper with
// these. Text<N> owns its buffer; what does not fit is cut off and overflowed() says so.
//
//   Text<> line;
//   line.add("T ").add_fixed(21.456f, 2);  // "T 21.46"
#ifndef MBED_TEXTWRITER_H
#define MBED_TEXTWRITER_H

#include <stddef.h>
#include <stdint.h>

#include "NonCopyable.h"

namespace mbed {

class TextWriter : private NonCopyable<TextWriter> {
public:
    TextWriter(char* buffer, size_t capacity);

    TextWriter& add(const char* s);
    TextWriter& add(char c);
    TextWriter& add_int(int64_t v);
    TextWriter& add_uint(uint64_t v);
    // `value` with `decimals` digits after the point (0..6), rounded half away from zero: 21.456 → "21.456".
    // NaN prints "nan".
    TextWriter& add_fixed(float value, int decimals);
    // `value` with `significant` digits, as printf's %.*g (uses snprintf: slower than add_fixed).
    TextWriter& add_real(double value, int significant);

    void clear();
    const char* c_str() const { return buffer_; }
    size_t size() const { return len_; }
    // True when something added did not fit.
    bool overflowed() const { return overflow_; }

private:
    void put(char c);

    char* buffer_;
    size_t capacity_;
    size_t len_ = 0;
    bool overflow_ = false;
};

template <size_t Capacity = 512>
class Text : public TextWriter {
public:
    Text() : TextWriter(storage_, Capacity) {}

private:
    char storage_[Capacity];
};

}  // namespace mbed

#endif
