// text.h — build output lines without printf.
//
// Mbed OS 6's minimal printf leaves %f out by default, and a full printf formats floats through software long
// double arithmetic on small cores (and on wasm32); at one CSV line, one telemetry report and four LCD lines per
// sample, formatting would cost more than the detector. Text appends strings, integers and fixed-point numbers to
// a buffer; Json writes one flat JSON object on top of it.
#ifndef ANOMALY_TEXT_H
#define ANOMALY_TEXT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

class Text {
public:
    Text& add(const char* s) {
        while (*s != '\0') put(*s++);
        return *this;
    }
    Text& add(char c) {
        put(c);
        return *this;
    }
    Text& add_int(int64_t v) {
        if (v < 0) {
            put('-');
            return add_uint(static_cast<uint64_t>(-(v + 1)) + 1);
        }
        return add_uint(static_cast<uint64_t>(v));
    }
    Text& add_uint(uint64_t v) {
        char d[24];
        int n = 0;
        do {
            d[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v > 0);
        while (n > 0) put(d[--n]);
        return *this;
    }
    // value with `decimals` digits after the point (0..6), rounded half away from zero: 21.456 → "21.456".
    Text& add_fixed(float value, int decimals) {
        if (isnan(value)) return add("nan");
        static const uint32_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
        decimals = decimals < 0 ? 0 : (decimals > 6 ? 6 : decimals);
        double scaled = fabs(static_cast<double>(value)) * kScale[decimals] + 0.5;
        if (scaled > 9.0e15) scaled = 9.0e15;  // far outside any temperature: clamp rather than overflow
        uint64_t n = static_cast<uint64_t>(scaled);
        if (value < 0 && n != 0) put('-');
        add_uint(n / kScale[decimals]);
        if (decimals > 0) {
            put('.');
            uint64_t frac = n % kScale[decimals];
            for (uint32_t s = kScale[decimals] / 10; s > 0; s /= 10) put(static_cast<char>('0' + (frac / s) % 10));
        }
        return *this;
    }
    void clear() {
        len_ = 0;
        buf_[0] = '\0';
    }
    const char* c_str() const { return buf_; }
    size_t size() const { return len_; }

private:
    void put(char c) {
        if (len_ + 1 < sizeof buf_) {
            buf_[len_++] = c;
            buf_[len_] = '\0';
        }
    }
    char buf_[512] = {};
    size_t len_ = 0;
};

// One flat JSON object: Json j("anomaly.sample"); j.num("t_us", 5).fixed("value", 21.5f, 4).end();
class Json {
public:
    explicit Json(const char* type) { text_.add("{\"type\":\"").add(type).add('"'); }
    Json& num(const char* key, int64_t v) {
        this->key(key).add_int(v);
        return *this;
    }
    Json& fixed(const char* key, float v, int decimals) {
        if (isnan(v) || isinf(v)) return null(key);
        this->key(key).add_fixed(v, decimals);
        return *this;
    }
    Json& boolean(const char* key, bool v) {
        this->key(key).add(v ? "true" : "false");
        return *this;
    }
    Json& str(const char* key, const char* v) {  // v must not need escaping
        this->key(key).add('"').add(v).add('"');
        return *this;
    }
    Json& null(const char* key) {
        this->key(key).add("null");
        return *this;
    }
    Json& end() {
        text_.add('}');
        return *this;
    }
    const char* c_str() const { return text_.c_str(); }
    size_t size() const { return text_.size(); }

private:
    Text& key(const char* k) { return text_.add(",\"").add(k).add("\":"); }
    Text text_;
};

#endif
