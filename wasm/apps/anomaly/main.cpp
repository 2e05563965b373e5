// anomaly — flag unusual temperature readings on the device.
//
// Once a second the firmware reads an SHT31 sensor over I2C and predicts the reading from the previous k with a
// one-layer linear regression (detector.h). A reading outside predicted ± 1.96 sigma — the 95 % interval, sigma
// being the residual standard deviation of the model — is an outlier. One reading 3.6 sigma off, a spike and its
// echo in the next reading, or `debounce` outliers in a row raise an anomaly (detector.cpp explains the rules):
// LED1 lights (until a reading falls inside the interval again), the LCD shows the reading, the
// prediction, the interval and the anomaly count, and every sample goes to the serial port as one CSV line and to
// the host as a telemetry report.
//
// The model: the signed image in the board's primary model slot (docs/ota.md), which the SDK's update agent verifies
// at boot and replaces over the air — a new image runs only once its self-test vectors give the predictions it
// carries, bit for bit, or the previous one is swapped back. Without an image (a board that was never programmed)
// the blob trained offline (scripts/train-anomaly.ts) and compiled in runs. The host can also push a bare blob
// into blob slot 1 (a stream's learning settings); it runs until the next image is deployed, and a corrupt blob
// is rejected with a serial message while the running model stays.
// BUTTON1 switches to on-device learning — the firmware fits the regression itself by least squares over the
// recent readings, so any stream works — and back to the loaded model. BUTTON2 resets the counters. LED2 is lit
// in learning mode. Every fit is saved to flash (blob slot 2), so after a reset the firmware goes on with the model
// it learned instead of learning from scratch.
#include "mbed.h"
#include "C12832.h"
#include "FlashIAP.h"
#include "SHT31.h"
#include "SecureElement.h"
#include "UpdateAgent.h"
#include "UpdateLink.h"
#include "default_model.h"
#include "detector.h"
#include "model.h"

#include <stddef.h>
#include <string.h>

namespace {

constexpr auto kSamplePeriod = 1000ms;  // one reading per virtual second (the stream sources' reading period)
constexpr uint32_t kModelSlot = model_blob::kSlot;  // blob slot the host writes model updates to
constexpr uint32_t kLearnedSlot = 2;                // blob slot the firmware saves its last on-device fit to

C12832 lcd(SPI_MOSI, SPI_SCK, SPI_MISO, p8, p11);
SHT31 sht31(I2C_SDA, I2C_SCL);
DigitalOut alarm_led(LED1);
DigitalOut learning_led(LED2);
InterruptIn learn_button(BUTTON1);
InterruptIn reset_button(BUTTON2);
EventQueue queue;
BlobSlot model_slot(kModelSlot);
BlobSlot learned_slot(kLearnedSlot);
FlashIAP flash;
SecureElement secure_element(I2C_SDA, I2C_SCL);
UpdateLink update_link;

// The model of the image in the primary slot, once the update agent installed it (checked and self-tested).
Model image_model;
char image_version[24] = "";
uint8_t image_package[model_blob::kMaxPackageBytes];

// UpdateAgent::App::install: reads the image's model package and runs its self-test.
bool install_image(void*, UpdateAgent& agent, const ota::ImageInfo& info, char* why, size_t why_size) {
    if (info.body_size > sizeof image_package) {
        snprintf(why, why_size, "model package of %u bytes, at most %u", static_cast<unsigned>(info.body_size),
                 static_cast<unsigned>(sizeof image_package));
        return false;
    }
    if (!agent.read_primary(info.body_offset, image_package, info.body_size)) {
        snprintf(why, why_size, "flash read failed");
        return false;
    }
    if (!parse_model_package(image_package, info.body_size, &image_model, why, why_size)) {
        return false;
    }
    snprintf(image_version, sizeof image_version, "%u.%u.%u+%u", info.version.major, info.version.minor,
             info.version.revision, static_cast<unsigned>(info.version.build));
    return true;
}

const UpdateAgent::App kApp = {
    "anomaly", ota::PayloadType::kAnomalyBlobV1, install_image, nullptr, sizeof image_package, "# "};
UpdateAgent agent(queue, flash, secure_element, update_link, kApp);

Detector detector;
Model loaded;  // the model from the last accepted blob
bool alarm_on = false;

// The fields every anomaly.model report has: what the model is.
TelemetryWriter& add_model_fields(TelemetryWriter& r, const Model& m) {
    return r.integer("k", m.k)
        .boolean("time_of_day", m.time_of_day)
        .fixed("z", m.z, 4)
        .fixed("sigma", m.sigma, 5)
        .integer("debounce", m.debounce)
        .integer("holdoff", m.holdoff);
}

const char* mode_name() { return detector.learning() ? "learn" : "model"; }

// ---- Models ------------------------------------------------------------------------------------------------------

void apply(const Model& m, const char* source) {
    loaded = m;
    const bool from_image = strcmp(source, "image") == 0;
    Text<> t;
    t.add("# model from ")
        .add(source)
        .add(from_image ? " v" : "")
        .add(from_image ? image_version : "")
        .add(": k=")
        .add_int(m.k)
        .add(m.time_of_day ? " +time-of-day" : "");
    t.add(" z=").add_fixed(m.z, 2).add(" sigma=").add_fixed(m.sigma, 4).add(" debounce=").add_int(m.debounce);
    t.add(" hold-off=").add_int(m.holdoff).add(m.learn_on_device ? " learns on the device" : " fixed");
    printf("%s crc=0x%08x\n", t.c_str(), static_cast<unsigned>(m.crc));
    char crc[12];
    snprintf(crc, sizeof crc, "0x%08x", static_cast<unsigned>(m.crc));
    TelemetryReport<> r("anomaly.model");
    add_model_fields(r.string("status", "loaded").string("source", source), m);
    if (from_image) {
        r.string("version", image_version);
    }
    r.string("mode", m.learn_on_device ? "learn" : "model").string("crc", crc).send();
    if (m.learn_on_device) {
        detector.start_learning(m);
        printf("# learning: first fit after %d readings, then every %d over the last %d\n", m.learn_min, m.refit_every,
               m.learn_window);
    } else {
        detector.use_model(m);
    }
    learning_led = detector.learning() ? 1 : 0;
}

enum class SlotResult { kEmpty, kLoaded, kRejected };

// Reads the model in blob slot 1. A blob that fails any check is rejected and the running model stays.
SlotResult load_from_slot() {
    static uint8_t buf[kModelBlobMaxBytes + 1];
    int32_t len = model_slot.read(buf, sizeof buf);
    if (len < 0) {
        return SlotResult::kEmpty;
    }
    Model m;
    char why[120];
    bool ok = false;
    if (static_cast<size_t>(len) > kModelBlobMaxBytes) {
        snprintf(why, sizeof why, "blob too long (%d bytes)", static_cast<int>(len));
    } else {
        ok = parse_model_blob(buf, static_cast<size_t>(len), &m, why, sizeof why);
    }
    if (!ok) {
        printf("# model blob rejected: %s; keeping the current model (crc=0x%08x)\n", why,
               static_cast<unsigned>(loaded.crc));
        TelemetryReport<> r("anomaly.model");
        r.string("status", "rejected").string("source", "slot1").string("reason", why).send();
        return SlotResult::kRejected;
    }
    apply(m, "slot1");
    return SlotResult::kLoaded;
}

void load_default() {
    Model m;
    char why[120];
    if (!parse_model_blob(kDefaultModelBlob, sizeof kDefaultModelBlob, &m, why, sizeof why)) {
        error("compiled-in model blob is invalid: %s", why);
    }
    apply(m, "default");
}

// ---- The learned model in flash ----------------------------------------------------------------------------------

// The firmware's own record, read back only by this firmware: the fitted model and the CRC of the model it was
// learned from, so a fit made for another model (a blob pushed since) is not resumed.
struct LearnedRecord {
    char magic[4];
    uint32_t size;  // sizeof(LearnedRecord): a record of another build is not read
    uint32_t base_crc;
    Model model;
    uint32_t crc;  // of everything before it
};

uint32_t record_crc(const LearnedRecord& r) {
    return crc32(reinterpret_cast<const uint8_t*>(&r), offsetof(LearnedRecord, crc));
}

void save_learned() {
    LearnedRecord r{};
    memcpy(r.magic, "LRND", 4);
    r.size = sizeof r;
    r.base_crc = loaded.crc;
    r.model = detector.model();
    r.crc = record_crc(r);
    learned_slot.write(&r, sizeof r);
}

void forget_learned() { learned_slot.erase(); }

// At boot: go on learning with the model fitted before the reset, if it was learned from the model now loaded.
void resume_learned() {
    LearnedRecord r;
    if (learned_slot.read(&r, sizeof r) != static_cast<int32_t>(sizeof r)) {
        return;
    }
    if (memcmp(r.magic, "LRND", 4) != 0 || r.size != sizeof r || r.crc != record_crc(r) || r.base_crc != loaded.crc) {
        return;
    }
    detector.resume_learning(r.model);
    learning_led = 1;
    printf("# resumed the model learned on the device before the reset: sigma=%s, refit after %d readings\n",
           Text<16>().add_fixed(r.model.sigma, 4).c_str(), r.model.learn_min);
    char crc[12];  // of the model blob the fit was learned from
    snprintf(crc, sizeof crc, "0x%08x", static_cast<unsigned>(r.base_crc));
    TelemetryReport<> report("anomaly.model");
    add_model_fields(report.string("status", "loaded").string("source", "flash"), r.model);
    report.string("mode", "learn").string("crc", crc).send();
}

// ---- Sampling ----------------------------------------------------------------------------------------------------

// Drawing text is the slowest thing the firmware does (each character is 48 pixels), so the LCD keeps what each
// of its four text rows shows and only the characters that changed are drawn again — the usual trick for small
// displays. Rows are padded with spaces to the full 21 columns, so shorter text wipes what was there.
class LcdRows {
public:
    void set(int row, const char* text) {
        bool end = false;
        for (int col = 0; col < kCols; ++col) {
            char c = (!end && text[col] != '\0') ? text[col] : ' ';
            end = end || text[col] == '\0';
            if (shown_[row][col] != c) {
                lcd.character(col * 6, row * 8, c);
                shown_[row][col] = c;
            }
        }
    }

private:
    static constexpr int kCols = 21;
    char shown_[4][kCols] = {};
};
LcdRows rows;

void show(const Step& s) {
    Text<> line;
    line.add("T ").add_fixed(s.value, 2);
    if (s.has_prediction) {
        line.add("  P ").add_fixed(s.predicted, 2);
    }
    rows.set(0, line.c_str());
    line.clear();
    if (s.has_prediction) {
        line.add('[').add_fixed(s.lo, 2).add(", ").add_fixed(s.hi, 2).add(']');
    } else if (detector.learning()) {
        line.add("learning ").add_int(detector.readings_since_learning()).add('/').add_int(detector.model().learn_min);
    } else {
        line.add("warming up");
    }
    rows.set(1, line.c_str());
    line.clear();
    rows.set(2, line.add("anomalies ").add_uint(detector.anomalies()).c_str());
    line.clear();
    if (agent.state() != UpdateAgent::State::kIdle) {
        rows.set(3, agent.status() + 5);  // e.g. "downloading 45%", without the "OTA: " prefix serial has
    } else {
        rows.set(3, line.add(alarm_on ? "ANOMALY" : "ok").add(" [").add(mode_name()).add(']').c_str());
    }
    lcd.copy_to_lcd();
}

void sample() {
    int64_t t_us = HighResClock::now().time_since_epoch().count();
    float celsius = sht31.readTemperature();
    if (isnan(celsius)) {
        printf("# sensor error: %s\n", sht31.lastError());
        TelemetryReport<> r("anomaly.error");
        r.integer("t_us", t_us).string("message", sht31.lastError()).send();
        return;
    }
    Step s = detector.step(celsius);
    if (s.alarm) {
        alarm_on = true;
    } else if (s.has_prediction && !s.outlier) {
        alarm_on = false;
    }
    alarm_led = alarm_on ? 1 : 0;

    // Serial: t_s,value,predicted,lo,hi,outlier,anomaly,count (the prediction fields empty without a model).
    Text<> csv;
    csv.add_int(t_us / 1000000).add('.').add(static_cast<char>('0' + (t_us / 100000) % 10));
    csv.add(static_cast<char>('0' + (t_us / 10000) % 10)).add(static_cast<char>('0' + (t_us / 1000) % 10));
    csv.add(',').add_fixed(s.value, 3).add(',');
    if (s.has_prediction) {
        csv.add_fixed(s.predicted, 3).add(',').add_fixed(s.lo, 3).add(',').add_fixed(s.hi, 3);
    } else {
        csv.add(",,");
    }
    csv.add(',').add(s.outlier ? '1' : '0').add(',').add(s.alarm ? '1' : '0').add(',').add_uint(detector.anomalies());
    csv.add('\n');
    fputs(csv.c_str(), stdout);

    // Telemetry: the same sample for the host's chart and statistics (schema in docs/anomaly.md).
    TelemetryReport<> j("anomaly.sample");
    j.integer("t_us", t_us).fixed("value", s.value, 4);
    if (s.has_prediction) {
        j.fixed("predicted", s.predicted, 4).fixed("lo", s.lo, 4).fixed("hi", s.hi, 4);
    } else {
        j.null("predicted").null("lo").null("hi");
    }
    j.boolean("outlier", s.outlier).boolean("anomaly", s.alarm).integer("count", detector.anomalies());
    j.fixed("mse", detector.mse(), 5).integer("n", detector.readings());
    j.string("phase", s.has_prediction ? "detect" : (detector.learning() ? "learning" : "warmup"));
    j.string("mode", mode_name()).send();

    if (s.fitted) {
        const Model& m = detector.model();
        const FitInfo& f = detector.last_fit();
        Text<> t;
        t.add("# fitted on the device over ").add_int(f.pairs).add(" readings: sigma=").add_fixed(f.sigma, 4);
        t.add(" bias=").add_fixed(m.bias, 4).add(" w=");
        for (int i = 0; i < m.features(); ++i) {
            t.add(i ? "," : "").add_fixed(m.weights[i], 4);
        }
        puts(t.c_str());
        save_learned();
        TelemetryReport<> r("anomaly.model");
        add_model_fields(r.string("status", "learned").string("source", "device"), m);
        r.string("mode", "learn").integer("pairs", f.pairs).send();
    }
    show(s);
}

// ---- Buttons and remote updates (posted to the queue from interrupt context) ---------------------------------

void toggle_learning() {
    forget_learned();  // a new start either way: a reset must not bring back the fit this press left behind
    if (detector.learning()) {
        detector.use_model(loaded);
        printf("# learning off: back to the loaded model (crc=0x%08x)\n", static_cast<unsigned>(loaded.crc));
    } else {
        detector.start_learning(loaded);
        printf("# learning on: first fit after %d readings\n", loaded.learn_min);
    }
    learning_led = detector.learning() ? 1 : 0;
    alarm_on = false;
    alarm_led = 0;
}

void reset_counters() {
    detector.reset_counters();
    alarm_on = false;
    alarm_led = 0;
    printf("# counters reset\n");
}

// The update agent's state changed: a confirmed new image becomes the model, also after a reset (the bare blob a
// host pushed before goes).
void on_update() {
    if (agent.state() != UpdateAgent::State::kIdle || agent.result() != UpdateAgent::Result::kSuccess) {
        return;
    }
    model_slot.erase();
    forget_learned();
    apply(image_model, "image");
}

void on_blob_update() {
    if (load_from_slot() == SlotResult::kLoaded) {
        forget_learned();  // learned for the model just replaced
    }
}

// The board's network is a workshop's fleet (docs/fleet.md): a CSV comment when it comes and goes.
void show_network() {
    char line[NetworkInterface::kNameBytes + 32];
    printf("# Network: %s\n", NetworkInterface::get_default_instance()->describe(line, sizeof line));
}

}  // namespace

int main() {
    printf("# anomaly detector: SHT31 every %d ms, one-layer regression, interval = prediction +/- z*sigma\n",
           static_cast<int>(std::chrono::milliseconds(kSamplePeriod).count()));
    lcd.set_auto_up(0);
    flash.init();
    const bool has_image = agent.boot();
    if (load_from_slot() != SlotResult::kLoaded) {
        if (has_image) {
            apply(image_model, "image");
        } else {
            load_default();
        }
    }
    agent.on_change(on_update);
    resume_learned();
    printf("t_s,value,predicted,lo,hi,outlier,anomaly,count\n");
    model_slot.attach(queue.event(on_blob_update));  // a remote update: parse it in the queue's thread
    learn_button.fall(queue.event(toggle_learning));
    reset_button.fall(queue.event(reset_counters));
    NetworkInterface* net = NetworkInterface::get_default_instance();
    net->attach([](nsapi_event_t, intptr_t) { queue.call(show_network); });
    if (net->get_connection_status() != NSAPI_STATUS_DISCONNECTED) {
        show_network();  // joined before the firmware started
    }
    queue.call(sample);
    queue.call_every(kSamplePeriod, sample);
    queue.dispatch_forever();
}
