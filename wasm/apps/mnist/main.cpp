// mnist — draw a digit on the touch screen, press BUTTON1, and an 8-bit quantized neural network says which it is.
//
// The 2018 uTensor demo, with an int8 MLP 784-128-64-10 (TFLite Micro arithmetic, wasm/nn):
//   - the touch screen interrupt draws each pen sample into a 1-bit canvas and keeps the pen's path (digit_canvas.h);
//   - BUTTON1 posts `classify` to the event queue: the canvas is re-inked from the path with a brush scaled to the
//     drawing's size, then MNIST preprocessing (bounding box, 20x20, centre of mass in 28x28), quantize the pixels, run
//     the network, print the prediction on the LCD and the scores on serial;
//   - BUTTON2 clears the canvas;
//   - a 784-byte image the host puts into blob slot 0 is classified directly, skipping the drawing and the
//     preprocessing ("inference on a provided 28x28 image", used by the tests);
//   - the inference panel gets the model's figures at start, after each update and with each result
//     (inference_report.h);
//   - the model is the signed image in the board's primary model slot: the SDK's update agent verifies it at boot
//     and installs new ones pushed over the air (docs/ota.md), swapping back when one fails its self-test
//     (running_model.h).
#include "mbed.h"
#include "C12832.h"
#include "FlashIAP.h"
#include "SecureElement.h"
#include "TouchScreen.h"
#include "UpdateAgent.h"
#include "UpdateLink.h"
#include "digit_canvas.h"
#include "inference_report.h"
#include "memory_stats.h"
#include "running_model.h"

C12832 lcd(SPI_MOSI, SPI_SCK, SPI_MISO, p8, p11);
TouchScreen touch;
InterruptIn button1(BUTTON1);
InterruptIn button2(BUTTON2);
BlobSlot image_slot(0);
EventQueue queue;
FlashIAP flash;
SecureElement secure_element(I2C_SDA, I2C_SCL);
UpdateLink update_link;
const UpdateAgent::App kApp = {"mnist", ota::PayloadType::kNnModelV1, install_model, nullptr, model_window_bytes()};
UpdateAgent agent(queue, flash, secure_element, update_link, kApp);

// The preprocessing buffers: 7,200 (canvas) + 2,048 (pen path) + 400 + 784 bytes of SRAM.
DigitCanvas canvas;
uint8_t box20[kBoxSize * kBoxSize];
uint8_t digit28[kDigitSize * kDigitSize];
constexpr PreprocessBuffers kBuffers = {sizeof(DigitCanvas), sizeof(DigitCanvas) + sizeof(box20) + sizeof(digit28)};

uint32_t inferences = 0;

void show(const char* message) {
    lcd.cls();
    lcd.locate(3, 13);
    lcd.printf("%s", message);
}

// Quantizes digit28 (0..255) into the model's input tensor. Needed before every Invoke: the planner lets later
// activations reuse the input's arena bytes.
void load_input(const MnistModel& model) {
    const nn::Quant& q = model.input->quant;
    int8_t* input = model.input->i8();
    for (int i = 0; i < kModelInputSize; ++i) {
        input[i] = nn::QuantizeInt8(static_cast<float>(digit28[i]) / 255.0f, q.scale, q.zero_point);
    }
}

// How long one inference takes as WebAssembly on the computer running the simulator (never a device's latency:
// the panel shows the cycle model's estimate for a real board). The host clock may be coarse, so time 64 runs.
double host_time_per_inference_us(const MnistModel& model) {
    constexpr int kRuns = 64;
    HostTimer timer;
    timer.start();
    for (int i = 0; i < kRuns; ++i) {
        load_input(model);
        model.graph->Invoke();
    }
    return static_cast<double>(timer.elapsed_time().count()) / 1000.0 / kRuns;
}

void print_scores(const MnistModel& model, int prediction, double host_us) {
    const nn::Tensor& scores = *model.scores;
    nn::GraphStats g;
    model.graph->GetStats(&g);
    printf("Predicted: %d   scores:", prediction);
    for (int i = 0; i < kModelClasses; ++i) {
        const float p = nn::DequantizeValue(scores.i8()[i], scores.quant.scale, scores.quant.zero_point);
        printf(" %d:%.2f", i, static_cast<double>(p));
    }
    printf("   (%lld MACs, host time %.1f us per inference)\n", static_cast<long long>(g.macs), host_us);
}

// Runs the network on digit28 and reports the result. Virtual time stands still while the firmware computes.
void infer(const char* source, int slot, int ink_radius) {
    const MnistModel* model = running_model();
    if (model == nullptr) {
        show("No model");
        printf("No model is installed: %s\n", agent.status());
        return;
    }
    load_input(*model);
    model->graph->Invoke();
    const int prediction = model->prediction->i32()[0];
    const double host_us = host_time_per_inference_us(*model);

    char line[24];
    snprintf(line, sizeof line, "Predicted: %d", prediction);
    show(line);
    print_scores(*model, prediction, host_us);
    const int64_t now_us = HighResClock::now().time_since_epoch().count();
    publish_inference_report(*model, kBuffers,
                             {source, slot, ink_radius, ++inferences, prediction, now_us, host_us, digit28});
}

// BUTTON1, from the event queue: re-ink the drawing to scale, preprocess it and classify it.
void classify() {
    bool drawn;
    bool full;
    int radius;
    {
        CriticalSectionLock lock;  // the touch interrupt writes the canvas
        radius = canvas.ink_radius();
        canvas.reink(radius);
        drawn = to_mnist(canvas, box20, digit28);
        full = canvas.path_full();
    }
    if (!drawn) {
        show("Draw a digit first");
        printf("The canvas is empty: draw a digit, then press BUTTON1.\n");
        return;
    }
    if (full) {
        printf("The pen's path is full (%d points): later strokes were not inked. BUTTON2 clears.\n", kPathCapacity);
    }
    infer("touch", -1, radius);
}

// BUTTON2, from the event queue.
void clear_canvas() {
    {
        CriticalSectionLock lock;
        canvas.clear();
    }
    publish_canvas_cleared();
    show("Draw a digit");
    printf("Canvas cleared.\n");
}

// The host put an image into blob slot 0, from the event queue: a 28x28 image (784 bytes, 0..255) to classify.
void classify_blob() {
    const int32_t n = image_slot.read(digit28, sizeof digit28);
    if (n != static_cast<int32_t>(sizeof digit28)) {
        printf("blob %u: expected a %u-byte 28x28 image, got %d bytes\n", static_cast<unsigned>(image_slot.slot()),
               static_cast<unsigned>(sizeof digit28), static_cast<int>(n));
        return;
    }
    infer("blob", static_cast<int>(image_slot.slot()), -1);
}

// Interrupt context: each pen sample draws at once (a bounded amount of work: one brush segment).
void on_touch(TouchScreen::Sample s) { canvas.pen(s.down, s.x, s.y); }

// A model was installed (at boot or by an update): say what it is and costs.
void announce_model() {
    const MnistModel* model = running_model();
    if (model == nullptr) {
        show("No model");
        return;
    }
    nn::GraphStats g;
    model->graph->GetStats(&g);
    printf("MNIST model v%s (%s): %lld MACs, model %ld bytes in flash, arena %ld bytes, preprocessing %lu bytes\n",
           model->version, model->name, static_cast<long long>(g.macs), static_cast<long>(g.flash_bytes),
           static_cast<long>(g.arena_bytes), static_cast<unsigned long>(kBuffers.total_bytes));
    publish_model_report(*model, kBuffers);
}

// The update agent's state changed: its status on the LCD while it works, the new model once it is done.
void on_update() {
    if (agent.state() != UpdateAgent::State::kIdle) {
        show(agent.status() + 5);  // without the "OTA: " prefix the serial line has
        return;
    }
    announce_model();
    if (running_model() == nullptr) {
        return;
    }
    const UpdateAgent::Result r = agent.result();
    show(r == UpdateAgent::Result::kSuccess                                           ? "Updated: draw"
         : r == UpdateAgent::Result::kInitial || r == UpdateAgent::Result::kCancelled ? "Draw a digit"
                                                                                      : "Update refused");
}

// The board's network is a workshop's fleet (docs/fleet.md): say on serial when it comes and goes.
void show_network() {
    char line[NetworkInterface::kNameBytes + 32];
    printf("Network: %s\n", NetworkInterface::get_default_instance()->describe(line, sizeof line));
}

int main() {
    memory_stats::paint();
    // The boot loader's check of the model (about 130 ms, most of it the secure element) comes before any input:
    // the canvas the page shows is cleared once the board is ready.
    show("Checking the model");
    flash.init();
    agent.boot();
    announce_model();
    printf("Draw a digit on the touch screen, then press BUTTON1. BUTTON2 clears.\n");
    publish_canvas_cleared();
    if (running_model() != nullptr) {
        show("Draw a digit");
    }
    agent.on_change(on_update);

    touch.attach(on_touch);
    button1.fall(queue.event(classify));
    button2.fall(queue.event(clear_canvas));
    image_slot.attach(queue.event(classify_blob));
    NetworkInterface* net = NetworkInterface::get_default_instance();
    net->attach([](nsapi_event_t, intptr_t) { queue.call(show_network); });
    if (net->get_connection_status() != NSAPI_STATUS_DISCONNECTED) {
        show_network();  // joined before the firmware started
    }
    queue.dispatch_forever();
}
