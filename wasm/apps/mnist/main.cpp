// mnist — draw a digit on the touch screen, press BUTTON1, and an 8-bit quantized neural network says which it is.
//
// The 2018 uTensor demo, with an int8 MLP 784-128-64-10 (TFLite Micro arithmetic, wasm/nn):
//   - the touch screen interrupt draws each pen sample into a 1-bit canvas (digit_canvas.h);
//   - BUTTON1 posts `classify` to the event queue: MNIST preprocessing (bounding box, 20x20, centre of mass in
//     28x28), quantize the pixels, run the graph, print the prediction on the LCD and the scores on serial;
//   - BUTTON2 clears the canvas;
//   - a 784-byte image sent into blob slot 0 by the host is classified directly, skipping the drawing and the
//     preprocessing ("inference on a provided 28x28 image", used by the tests);
//   - after each inference the firmware publishes a "mnist.inference" telemetry report (input it saw, scores,
//     per-layer and memory figures) for the inference panel; "mnist.model" once at start. See docs/mnist.md.
#include "mbed.h"
#include "C12832.h"
#include "TouchScreen.h"
#include "digit_canvas.h"
#include "memory_stats.h"
#include "model_data.h"

C12832 lcd(SPI_MOSI, SPI_SCK, SPI_MISO, p8, p11);
TouchScreen touch;
InterruptIn button1(BUTTON1);
InterruptIn button2(BUTTON2);
EventQueue queue;

// The preprocessing buffers: 7,200 + 400 + 784 bytes of SRAM.
DigitCanvas canvas;
uint8_t box20[kBoxSize * kBoxSize];
uint8_t digit28[kDigitSize * kDigitSize];
constexpr uint32_t kPreprocessBytes = sizeof(DigitCanvas) + sizeof(box20) + sizeof(digit28);

const mnist_model::Model* model = nullptr;
uint32_t inferences = 0;

// ---- Telemetry: a tiny JSON writer into a static buffer -----------------------------------------------------

class Json {
public:
    void clear() {
        len_ = 0;
        overflow_ = false;
        fresh_ = true;
        buf_[0] = '\0';
    }
    Json& raw(const char* s) {
        while (*s != '\0') put(*s++);
        return *this;
    }
    Json& key(const char* k) {
        comma();
        put('"');
        raw(k);
        raw("\":");
        fresh_ = true;
        return *this;
    }
    Json& num(long long v) {
        char t[24];
        snprintf(t, sizeof t, "%lld", v);
        comma();
        return raw(t);
    }
    Json& real(float v, int digits = 4) {
        char t[32];
        snprintf(t, sizeof t, "%.*g", digits, static_cast<double>(v));
        comma();
        return raw(t);
    }
    Json& str(const char* s) {
        comma();
        put('"');
        raw(s);
        put('"');
        return *this;
    }
    Json& open(char c) {
        comma();
        put(c);
        fresh_ = true;
        return *this;
    }
    Json& close(char c) {
        put(c);
        fresh_ = false;
        return *this;
    }
    Json& shape(const nn::Shape& s) {
        open('[');
        for (int i = 0; i < s.rank; ++i) num(s.dims[i]);
        return close(']');
    }
    void publish() {
        if (overflow_) {
            printf("telemetry report too long (%u bytes), not sent\n", static_cast<unsigned>(sizeof buf_));
            return;
        }
        sim_telemetry(buf_, static_cast<uint32_t>(len_));
    }

private:
    void comma() {
        if (!fresh_) put(',');
        fresh_ = false;
    }
    void put(char c) {
        if (len_ + 1 >= sizeof buf_) {
            overflow_ = true;
            return;
        }
        buf_[len_++] = c;
        buf_[len_] = '\0';
    }
    char buf_[8192];
    size_t len_ = 0;
    bool overflow_ = false;
    bool fresh_ = true;
};

Json json;

void write_layers(Json& j) {
    j.key("layers").open('[');
    for (int i = 0; i < model->graph->num_ops(); ++i) {
        nn::LayerStats s;
        model->graph->GetLayerStats(i, &s);
        j.open('{');
        j.key("op").str(s.op);
        j.key("kernel").str(s.kernel);
        j.key("input_shape").shape(s.input_shape);
        j.key("output_shape").shape(s.output_shape);
        j.key("macs").num(s.macs);
        j.key("weight_bytes").num(s.weight_bytes);
        j.key("bias_bytes").num(s.bias_bytes);
        j.key("scale_bytes").num(s.scale_bytes);
        j.key("multiplier_bytes").num(s.multiplier_bytes);
        j.key("qparam_bytes").num(s.quant_param_bytes);
        j.key("arena_bytes").num(s.activation_bytes);
        j.key("persistent_bytes").num(s.persistent_bytes);
        j.key("live_bytes").num(s.live_bytes);
        j.close('}');
    }
    j.close(']');
}

void write_totals(Json& j) {
    nn::GraphStats g;
    model->graph->GetStats(&g);
    const uint32_t static_data = memory_stats::static_data_bytes();
    const uint32_t sim_only = fw_suspend_buffer_size();
    j.key("totals").open('{');
    j.key("macs").num(g.macs);
    j.key("flash_model_bytes").num(g.flash_bytes);
    j.key("weight_bytes").num(g.weight_bytes);
    j.key("bias_bytes").num(g.bias_bytes);
    j.key("scale_bytes").num(g.scale_bytes);
    j.key("arena_bytes").num(g.arena_bytes);
    j.key("arena_capacity").num(g.arena_capacity);
    j.key("planned_bytes").num(g.planned_bytes);
    j.key("persistent_bytes").num(g.persistent_bytes);
    j.key("unplanned_bytes").num(g.unplanned_bytes);
    j.key("preprocess_bytes").num(kPreprocessBytes);
    j.key("canvas_bytes").num(sizeof(DigitCanvas));
    j.key("static_data_bytes").num(static_data);
    j.key("sim_only_bytes").num(sim_only);
    j.key("static_ram_bytes").num(static_data - g.flash_bytes - sim_only);
    j.key("heap_high_water").num(memory_stats::heap_high_water());
    mbed_stats_heap_t heap;
    mbed_stats_heap_get(&heap);
    j.key("heap_used").num(heap.current_size);
    j.key("heap_free").num(heap.reserved_size - heap.current_size);
    j.key("stack_high_water").num(memory_stats::stack_high_water());
    j.key("stack_size").num(memory_stats::stack_size());
    j.close('}');
}

void publish_model() {
    json.clear();
    json.open('{');
    json.key("type").str("mnist.model");
    json.key("model").str("MLP 784-128-64-10, int8");
    json.key("input").open('{');
    json.key("side").num(kDigitSize);
    json.key("scale").real(mnist_model::kInputScale, 9);
    json.key("zero_point").num(mnist_model::kInputZeroPoint);
    json.close('}');
    json.key("planner").str("greedy");
    write_layers(json);
    write_totals(json);
    json.close('}');
    json.publish();
}

void publish_inference(const char* source, int slot, int prediction, int64_t time_us, double host_us) {
    const int8_t* scores = model->scores->i8();
    const int8_t* logits = model->logits->i8();
    json.clear();
    json.open('{');
    json.key("type").str("mnist.inference");
    json.key("seq").num(inferences);
    json.key("source").str(source);
    if (slot >= 0) json.key("slot").num(slot);
    json.key("time_us").num(time_us);
    json.key("host_us").real(static_cast<float>(host_us));
    json.key("prediction").num(prediction);
    json.key("scores").open('[');
    for (int i = 0; i < mnist_model::kNumClasses; ++i) json.real(nn::DequantizeValue(scores[i], model->scores->quant.scale, model->scores->quant.zero_point));
    json.close(']');
    json.key("scores_int8").open('[');
    for (int i = 0; i < mnist_model::kNumClasses; ++i) json.num(scores[i]);
    json.close(']');
    json.key("logits_int8").open('[');
    for (int i = 0; i < mnist_model::kNumClasses; ++i) json.num(logits[i]);
    json.close(']');
    json.key("input").open('[');
    for (int i = 0; i < kDigitSize * kDigitSize; ++i) json.num(digit28[i]);
    json.close(']');
    write_layers(json);
    write_totals(json);
    json.close('}');
    json.publish();
}

// The touch screen shows the canvas: the page draws the ink from the same pen samples with the same brush (the
// TypeScript twin of digit_canvas.h), and this report tells it that the canvas was cleared and which brush it uses.
void publish_canvas_cleared() {
    json.clear();
    json.open('{');
    json.key("type").str("mnist.canvas");
    json.key("size").num(kCanvasSize);
    json.key("brush_radius").num(kBrushRadius);
    json.close('}');
    json.publish();
}

// ---- Inference ------------------------------------------------------------------------------------------------

// Quantizes digit28 (0..255) into the model's input tensor. Needed before every Invoke: the planner lets later
// activations reuse the input's arena bytes.
void load_input() {
    int8_t* input = model->input->i8();
    for (int i = 0; i < mnist_model::kInputSize; ++i) {
        input[i] = nn::QuantizeInt8(static_cast<float>(digit28[i]) / 255.0f, mnist_model::kInputScale, mnist_model::kInputZeroPoint);
    }
}

// Host wall-clock time of one inference (input quantization included), as WebAssembly on the computer running the
// simulator. Browsers coarsen their clock (often to 0.1 ms), so time a batch of runs on the same input and take
// the mean; each run leaves the same outputs behind.
double host_time_per_inference_us() {
    constexpr int kRuns = 64;
    const int64_t start = sim_host_time_ns();
    for (int i = 0; i < kRuns; ++i) {
        load_input();
        model->graph->Invoke();
    }
    return static_cast<double>(sim_host_time_ns() - start) / 1000.0 / kRuns;
}

// Runs the network on digit28 (0..255 pixels) and reports the result.
void infer(const char* source, int slot) {
    load_input();
    model->graph->Invoke();
    const int prediction = model->prediction->i32()[0];
    ++inferences;
    const double host_us = host_time_per_inference_us();

    lcd.cls();
    lcd.locate(3, 13);
    lcd.printf("Predicted: %d", prediction);

    // Virtual time stands still while the firmware computes; host time is this computer's, not a Cortex-M's (the
    // panel shows the cycle model's estimate for a real board).
    const int8_t* scores = model->scores->i8();
    printf("Predicted: %d   scores:", prediction);
    for (int i = 0; i < mnist_model::kNumClasses; ++i) {
        const float p = nn::DequantizeValue(scores[i], model->scores->quant.scale, model->scores->quant.zero_point);
        printf(" %d:%.2f", i, static_cast<double>(p));
    }
    printf("   (%lld MACs, host time %.1f us per inference)\n", static_cast<long long>(mnist_model::kMacs), host_us);
    publish_inference(source, slot, prediction, sim_time_us(), host_us);
}

// BUTTON1, from the event queue: preprocess the drawing and classify it.
void classify() {
    bool drawn;
    {
        CriticalSectionLock lock;  // the touch interrupt writes the canvas
        drawn = to_mnist(canvas, box20, digit28);
    }
    if (!drawn) {
        lcd.cls();
        lcd.locate(3, 13);
        lcd.printf("Draw a digit first");
        printf("The canvas is empty: draw a digit, then press BUTTON1.\n");
        return;
    }
    infer("touch", -1);
}

// BUTTON2, from the event queue.
void clear_canvas() {
    {
        CriticalSectionLock lock;
        canvas.clear();
    }
    publish_canvas_cleared();
    lcd.cls();
    lcd.locate(3, 13);
    lcd.printf("Draw a digit");
    printf("Canvas cleared.\n");
}

// A blob arrived, from the event queue: a 28x28 image (784 bytes, 0..255) to classify as it is.
void classify_blob(uint32_t slot) {
    const int32_t n = sim_blob_read(slot, digit28, sizeof digit28);
    if (n != static_cast<int32_t>(sizeof digit28)) {
        printf("blob %u: expected a %u-byte 28x28 image, got %d bytes\n", static_cast<unsigned>(slot),
               static_cast<unsigned>(sizeof digit28), static_cast<int>(n));
        return;
    }
    infer("blob", static_cast<int>(slot));
}

// Interrupt context: each pen sample draws at once (a bounded amount of work: one brush segment).
void on_touch(TouchScreen::Sample s) { canvas.pen(s.down, s.x, s.y); }

// Interrupt context (SIM_IRQ_BLOB): hand the work to the queue.
extern "C" void blob_irq_handler(uint32_t slot) { queue.call(classify_blob, slot); }

int main() {
    memory_stats::paint();

    const char* why = nullptr;
    model = mnist_model::Build(&why);
    if (model == nullptr) {
        error("model: %s\n", why);
    }
    nn::GraphStats g;
    model->graph->GetStats(&g);
    printf("MNIST MLP 784-128-64-10 int8: %lld MACs, model %ld bytes in flash, arena %ld bytes, preprocessing %lu bytes\n",
           static_cast<long long>(g.macs), static_cast<long>(g.flash_bytes), static_cast<long>(g.arena_bytes),
           static_cast<unsigned long>(kPreprocessBytes));
    printf("Draw a digit on the touch screen, then press BUTTON1. BUTTON2 clears.\n");
    publish_model();
    publish_canvas_cleared();

    lcd.cls();
    lcd.locate(3, 13);
    lcd.printf("Draw a digit");

    touch.attach(on_touch);
    button1.fall(queue.event(classify));
    button2.fall(queue.event(clear_canvas));
    queue.dispatch_forever();
}
