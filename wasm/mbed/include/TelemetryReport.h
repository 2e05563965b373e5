// TelemetryReport.h — one structured report for the host's panels: a JSON object with a "type" field.
//
// The fields of every report type are described once, in src/shared/telemetry/reports.ts; the host checks each
// report against that description, and the firmware tests fail on any field the firmware writes differently.
// Keyed writers add a field to the current object; the unkeyed ones add an element to the current array.
// Non-finite numbers are written as null. A report that outgrows its buffer is not sent (send() says so on the
// serial port and returns false).
//
//   TelemetryReport<> r("anomaly.sample");
//   r.integer("t_us", t).fixed("value", celsius, 4).boolean("anomaly", alarm);
//   r.begin_array("scores").fixed(0.5f, 4).fixed(0.25f, 4).end_array();
//   r.send();
#ifndef MBED_TELEMETRYREPORT_H
#define MBED_TELEMETRYREPORT_H

#include <stddef.h>
#include <stdint.h>

#include "TextWriter.h"

namespace mbed {

class TelemetryWriter : private NonCopyable<TelemetryWriter> {
public:
    // Starts a new report of `type`, dropping whatever was written before.
    TelemetryWriter& begin(const char* type);

    TelemetryWriter& integer(const char* key, int64_t v);
    TelemetryWriter& fixed(const char* key, float v, int decimals);     // see TextWriter::add_fixed
    TelemetryWriter& real(const char* key, double v, int significant);  // see TextWriter::add_real
    TelemetryWriter& boolean(const char* key, bool v);
    TelemetryWriter& string(const char* key, const char* v);
    TelemetryWriter& null(const char* key);
    TelemetryWriter& begin_object(const char* key);
    TelemetryWriter& begin_array(const char* key);

    // Array elements.
    TelemetryWriter& integer(int64_t v);
    TelemetryWriter& fixed(float v, int decimals);
    TelemetryWriter& real(double v, int significant);
    TelemetryWriter& begin_object();
    TelemetryWriter& begin_array();

    TelemetryWriter& end_object();
    TelemetryWriter& end_array();

    // Closes the report and hands it to the host. False (nothing sent) when it did not fit its buffer.
    bool send();

protected:
    explicit TelemetryWriter(TextWriter& text) : text_(text) {}

private:
    TextWriter& key(const char* k);
    TextWriter& element();
    TextWriter& open(char bracket);
    TextWriter& quoted(const char* s);

    TextWriter& text_;
    bool first_ = true;  // nothing written yet in the innermost object or array
};

template <size_t Capacity = 512>
class TelemetryReport : public TelemetryWriter {
public:
    TelemetryReport() : TelemetryWriter(text_) {}
    explicit TelemetryReport(const char* type) : TelemetryWriter(text_) { begin(type); }

private:
    Text<Capacity> text_;
};

}  // namespace mbed

#endif
