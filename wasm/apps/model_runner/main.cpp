// model_runner — runs any int8 model the engine loads (an imported .tflite, docs/model-runner.md) on the board.
//
//   - the model is the signed image in the board's primary model slot: the SDK's update agent verifies it at boot
//     and installs new ones pushed over the air (the Model tab's "Run on board"), loads it, runs its self-test and
//     confirms it, or swaps the previous one back (installed_model.h);
//   - an input tensor the host puts into blob slot 0 (int8, the model's input layout, exactly its size) is run at
//     once;
//   - the touch screen draws into a canvas; BUTTON1 runs an image model on it (resized to the input's H x W, grey
//     over the channels, quantized with the input's scale and zero point: ink_canvas.h); BUTTON2 clears it;
//   - each result: top-5 (class index and dequantized score) on the LCD and serial, and the host time per
//     inference, in a telemetry report with the model's per-layer figures (runner_report.h).
#include "mbed.h"
#include "C12832.h"
#include "FlashIAP.h"
#include "SecureElement.h"
#include "TouchScreen.h"
#include "UpdateAgent.h"
#include "UpdateLink.h"
#include "ink_canvas.h"
#include "installed_model.h"
#include "runner_report.h"
#include "top_k.h"

#include <string.h>

C12832 lcd(SPI_MOSI, SPI_SCK, SPI_MISO, p8, p11);
TouchScreen touch;
InterruptIn button1(BUTTON1);
InterruptIn button2(BUTTON2);
BlobSlot input_slot(0);
EventQueue queue;
FlashIAP flash;
SecureElement secure_element(I2C_SDA, I2C_SCL);
UpdateLink update_link;
const UpdateAgent::App kApp = {"model_runner", ota::PayloadType::kNnModelV1, install_model, nullptr,
                               model_window_bytes()};
UpdateAgent agent(queue, flash, secure_element, update_link, kApp);

InkCanvas canvas;
uint32_t inferences = 0;

void show(const char* row0, const char* row1 = "", const char* row2 = "", const char* row3 = "") {
    lcd.cls();
    const char* rows[] = {row0, row1, row2, row3};
    for (int i = 0; i < 4; ++i) {
        lcd.locate(0, i * 8);
        lcd.printf("%s", rows[i]);
    }
}

// A reason an input was not run, on the LCD (short) and serial (in full).
void refuse(const char* source, const char* lcd_text, const char* message) {
    show(lcd_text);
    printf("%s\n", message);
    publish_error(source, message);
}

// Writes the input into the model's input tensor: needed before every Invoke, as the planner lets later
// activations reuse the input's arena bytes.
bool load_input(const InstalledModel& model, bool from_canvas, char* why, size_t why_size) {
    if (from_canvas) {
        CriticalSectionLock lock;  // the touch interrupt writes the canvas
        return to_image_input(canvas, *model.input, why, why_size);
    }
    const int32_t want = model.input->Bytes();
    const int32_t n = input_slot.read(model.input->data, static_cast<size_t>(want));
    if (n != want) {
        char shape[48];
        snprintf(why, why_size, "input of %d bytes, but the model's input %s int8 takes %d bytes", static_cast<int>(n),
                 model.input->shape.Format(shape, sizeof shape), static_cast<int>(want));
        return false;
    }
    return true;
}

// How long one inference takes as WebAssembly on the computer running the simulator (never a device's latency).
// The host clock may be coarse: at least 4 runs and 20 ms, at most 64 runs; the input is written again each time.
double host_time_per_inference_us(const InstalledModel& model, bool from_canvas) {
    HostTimer timer;
    char why[8];
    int runs = 0;
    while (runs < 64 && (runs < 4 || timer.elapsed_time().count() < 20'000'000)) {
        load_input(model, from_canvas, why, sizeof why);
        timer.start();
        model.loaded.graph->Invoke();
        timer.stop();
        ++runs;
    }
    return static_cast<double>(timer.elapsed_time().count()) / 1000.0 / runs;
}

void run(bool from_canvas) {
    const char* source = from_canvas ? "canvas" : "blob";
    const InstalledModel* model = installed_model();
    char why[160];
    if (model == nullptr) {
        snprintf(why, sizeof why, "No model is installed (%s): run one on the board from the Model tab.",
                 agent.status());
        refuse(source, "No model installed", why);
        return;
    }
    if (from_canvas && canvas.empty()) {
        refuse(source, "Draw first", "The canvas is empty: draw, then press BUTTON1.");
        return;
    }
    if (!load_input(*model, from_canvas, why, sizeof why)) {
        refuse(source, "Input does not fit", why);
        return;
    }
    model->loaded.graph->Invoke();
    const TopK top = top_k(*model->output);
    const double host_us = host_time_per_inference_us(*model, from_canvas);

    char rows[4][24] = {};
    for (int i = 0; i < top.count && i < 3; ++i) {
        snprintf(rows[i], sizeof rows[i], "%d: class %d %.3f", i + 1, top.index[i], static_cast<double>(top.score[i]));
    }
    snprintf(rows[3], sizeof rows[3], "host %.0f us", host_us);
    show(rows[0], rows[1], rows[2], rows[3]);
    printf("Top-%d:", top.count);
    for (int i = 0; i < top.count; ++i) {
        printf(" %d:%.4f", top.index[i], static_cast<double>(top.score[i]));
    }
    printf("   (%s input, host time %.1f us per inference)\n", source, host_us);
    const int64_t now_us = HighResClock::now().time_since_epoch().count();
    publish_inference_report(*model, {source, ++inferences, now_us, host_us, top});
}

void run_canvas() { run(true); }
void run_blob() { run(false); }

void clear_canvas() {
    {
        CriticalSectionLock lock;
        canvas.clear();
    }
    show("Canvas cleared");
    printf("Canvas cleared.\n");
}

// Interrupt context: each pen sample inks at once (one brush segment).
void on_touch(TouchScreen::Sample s) { canvas.pen(s.down, s.x, s.y); }

void announce_model() {
    const InstalledModel* model = installed_model();
    publish_model_report(model, agent.status());
    if (model == nullptr) {
        show("No model installed");
        printf("No model is installed (%s): run one on the board from the Model tab.\n", agent.status());
        return;
    }
    nn::GraphStats g;
    model->loaded.graph->GetStats(&g);
    char in[48];
    char out[48];
    printf("Model v%s: input %s, output %s, %d ops, %lld MACs, package %u bytes, arena %ld bytes\n", model->version,
           model->input->shape.Format(in, sizeof in), model->output->shape.Format(out, sizeof out),
           model->loaded.graph->num_ops(), static_cast<long long>(g.macs), static_cast<unsigned>(model->body_bytes),
           static_cast<long>(g.arena_bytes));
    char line[24];
    snprintf(line, sizeof line, "Model v%s", model->version);
    show(line, "Send an input, or", "draw + BUTTON1");
}

// The update agent's state changed: its status on the LCD while it works, the model once it is done.
void on_update() {
    if (agent.state() != UpdateAgent::State::kIdle) {
        show(agent.status() + 5);  // without the "OTA: " prefix the serial line has
        return;
    }
    announce_model();
}

int main() {
    show("Checking the model");
    flash.init();
    agent.boot();
    announce_model();
    printf("Send an input tensor to blob slot 0, or draw and press BUTTON1. BUTTON2 clears the canvas.\n");
    agent.on_change(on_update);
    touch.attach(on_touch);
    button1.fall(queue.event(run_canvas));
    button2.fall(queue.event(clear_canvas));
    input_slot.attach(queue.event(run_blob));
    queue.dispatch_forever();
}
