// TextWriter.cpp — printf-free formatting into a bounded buffer (see TextWriter.h).
#include "TextWriter.h"

#include <math.h>
#include <stdio.h>

namespace mbed {

TextWriter::TextWriter(char* buffer, size_t capacity) : buffer_(buffer), capacity_(capacity) { clear(); }

void TextWriter::put(char c) {
    if (len_ + 1 < capacity_) {
        buffer_[len_++] = c;
        buffer_[len_] = '\0';
    } else {
        overflow_ = true;
    }
}

TextWriter& TextWriter::add(const char* s) {
    while (*s != '\0')
        put(*s++);
    return *this;
}

TextWriter& TextWriter::add(char c) {
    put(c);
    return *this;
}

TextWriter& TextWriter::add_int(int64_t v) {
    if (v < 0) {
        put('-');
        return add_uint(static_cast<uint64_t>(-(v + 1)) + 1);
    }
    return add_uint(static_cast<uint64_t>(v));
}

TextWriter& TextWriter::add_uint(uint64_t v) {
    char d[24];
    int n = 0;
    do {
        d[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n > 0)
        put(d[--n]);
    return *this;
}

TextWriter& TextWriter::add_fixed(float value, int decimals) {
    if (isnan(value))
        return add("nan");
    static const uint32_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    decimals = decimals < 0 ? 0 : (decimals > 6 ? 6 : decimals);
    double scaled = fabs(static_cast<double>(value)) * kScale[decimals] + 0.5;
    if (scaled > 9.0e15)
        scaled = 9.0e15;  // far outside any reading: clamp rather than overflow
    uint64_t n = static_cast<uint64_t>(scaled);
    if (value < 0 && n != 0)
        put('-');
    add_uint(n / kScale[decimals]);
    if (decimals > 0) {
        put('.');
        uint64_t frac = n % kScale[decimals];
        for (uint32_t s = kScale[decimals] / 10; s > 0; s /= 10)
            put(static_cast<char>('0' + (frac / s) % 10));
    }
    return *this;
}

TextWriter& TextWriter::add_real(double value, int significant) {
    char t[32];
    snprintf(t, sizeof t, "%.*g", significant, value);
    return add(t);
}

void TextWriter::clear() {
    len_ = 0;
    overflow_ = false;
    if (capacity_ > 0)
        buffer_[0] = '\0';
}

}  // namespace mbed
