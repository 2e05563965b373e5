// TelemetryReport.cpp — the JSON writer behind every telemetry report (see TelemetryReport.h).
#include "TelemetryReport.h"

#include <math.h>
#include <stdio.h>

#include "sim_abi.h"

namespace mbed {

TelemetryWriter& TelemetryWriter::begin(const char* type) {
    text_.clear();
    text_.add('{');
    first_ = true;
    return string("type", type);
}

TextWriter& TelemetryWriter::element() {
    if (!first_)
        text_.add(',');
    first_ = false;
    return text_;
}

TextWriter& TelemetryWriter::key(const char* k) {
    element();
    quoted(k).add(':');
    return text_;
}

TextWriter& TelemetryWriter::open(char bracket) {
    text_.add(bracket);
    first_ = true;
    return text_;
}

TextWriter& TelemetryWriter::quoted(const char* s) {
    text_.add('"');
    for (; *s != '\0'; ++s) {
        const char c = *s;
        if (c == '"' || c == '\\') {
            text_.add('\\').add(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            text_.add("\\u00").add(kHex[(c >> 4) & 0xF]).add(kHex[c & 0xF]);
        } else {
            text_.add(c);
        }
    }
    return text_.add('"');
}

TelemetryWriter& TelemetryWriter::integer(const char* k, int64_t v) {
    key(k).add_int(v);
    return *this;
}

TelemetryWriter& TelemetryWriter::fixed(const char* k, float v, int decimals) {
    if (!isfinite(v))
        return null(k);
    key(k).add_fixed(v, decimals);
    return *this;
}

TelemetryWriter& TelemetryWriter::real(const char* k, double v, int significant) {
    if (!isfinite(v))
        return null(k);
    key(k).add_real(v, significant);
    return *this;
}

TelemetryWriter& TelemetryWriter::boolean(const char* k, bool v) {
    key(k).add(v ? "true" : "false");
    return *this;
}

TelemetryWriter& TelemetryWriter::string(const char* k, const char* v) {
    key(k);
    quoted(v);
    return *this;
}

TelemetryWriter& TelemetryWriter::null(const char* k) {
    key(k).add("null");
    return *this;
}

TelemetryWriter& TelemetryWriter::begin_object(const char* k) {
    key(k);
    open('{');
    return *this;
}

TelemetryWriter& TelemetryWriter::begin_array(const char* k) {
    key(k);
    open('[');
    return *this;
}

TelemetryWriter& TelemetryWriter::integer(int64_t v) {
    element().add_int(v);
    return *this;
}

TelemetryWriter& TelemetryWriter::fixed(float v, int decimals) {
    if (!isfinite(v)) {
        element().add("null");
    } else {
        element().add_fixed(v, decimals);
    }
    return *this;
}

TelemetryWriter& TelemetryWriter::real(double v, int significant) {
    if (!isfinite(v)) {
        element().add("null");
    } else {
        element().add_real(v, significant);
    }
    return *this;
}

TelemetryWriter& TelemetryWriter::begin_object() {
    element();
    open('{');
    return *this;
}

TelemetryWriter& TelemetryWriter::begin_array() {
    element();
    open('[');
    return *this;
}

TelemetryWriter& TelemetryWriter::end_object() {
    text_.add('}');
    first_ = false;
    return *this;
}

TelemetryWriter& TelemetryWriter::end_array() {
    text_.add(']');
    first_ = false;
    return *this;
}

bool TelemetryWriter::send() {
    end_object();
    if (text_.overflowed()) {
        printf("telemetry report too long (more than %u bytes), not sent\n", static_cast<unsigned>(text_.size()));
        return false;
    }
    sim_telemetry(text_.c_str(), static_cast<uint32_t>(text_.size()));
    return true;
}

}  // namespace mbed
