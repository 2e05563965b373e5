// inference_report.cpp — the MNIST telemetry reports (see inference_report.h).
#include "inference_report.h"

#include "mbed.h"
#include "digit_canvas.h"
#include "memory_stats.h"

namespace {

// One report buffer: the inference report carries the 784 input pixels, so it needs about 5 KB.
TelemetryReport<8192> report;

void write_shape(const char* key, const nn::Shape& s) {
    report.begin_array(key);
    for (int i = 0; i < s.rank; ++i)
        report.integer(s.dims[i]);
    report.end_array();
}

void write_layers(const MnistModel& model) {
    report.begin_array("layers");
    for (int i = 0; i < model.graph->num_ops(); ++i) {
        nn::LayerStats s;
        model.graph->GetLayerStats(i, &s);
        report.begin_object().string("op", s.op).string("kernel", s.kernel);
        write_shape("input_shape", s.input_shape);
        write_shape("output_shape", s.output_shape);
        report.integer("macs", s.macs).integer("weight_bytes", s.weight_bytes).integer("bias_bytes", s.bias_bytes);
        report.integer("scale_bytes", s.scale_bytes).integer("multiplier_bytes", s.multiplier_bytes);
        report.integer("qparam_bytes", s.quant_param_bytes).integer("arena_bytes", s.activation_bytes);
        report.integer("persistent_bytes", s.persistent_bytes).integer("live_bytes", s.live_bytes);
        report.end_object();
    }
    report.end_array();
}

void write_totals(const MnistModel& model, const PreprocessBuffers& buffers) {
    nn::GraphStats g;
    model.graph->GetStats(&g);
    const uint32_t static_data = memory_stats::static_data_bytes();
    // The model's window stands for flash (running_model.h), the suspend buffer for nothing on a device.
    const uint32_t simulator_only = memory_stats::simulator_only_bytes() + model_window_bytes();
    report.begin_object("totals");
    report.integer("macs", g.macs).integer("flash_model_bytes", g.flash_bytes).integer("weight_bytes", g.weight_bytes);
    report.integer("bias_bytes", g.bias_bytes)
        .integer("scale_bytes", g.scale_bytes)
        .integer("arena_bytes", g.arena_bytes);
    report.integer("arena_capacity", g.arena_capacity).integer("planned_bytes", g.planned_bytes);
    report.integer("persistent_bytes", g.persistent_bytes).integer("unplanned_bytes", g.unplanned_bytes);
    report.integer("preprocess_bytes", buffers.total_bytes).integer("canvas_bytes", buffers.canvas_bytes);
    report.integer("static_data_bytes", static_data).integer("sim_only_bytes", simulator_only);
    report.integer("static_ram_bytes", static_data - simulator_only);
    report.integer("heap_high_water", memory_stats::heap_high_water());
    mbed_stats_heap_t heap;
    mbed_stats_heap_get(&heap);
    report.integer("heap_used", heap.current_size).integer("heap_free", heap.reserved_size - heap.current_size);
    report.integer("stack_high_water", memory_stats::stack_high_water());
    report.integer("stack_size", memory_stats::stack_size());
    report.end_object();
}

// The int8 tensor `t` dequantized, as an array of 4-significant-digit numbers.
void write_dequantized(const char* key, const nn::Tensor& t) {
    report.begin_array(key);
    for (int i = 0; i < kModelClasses; ++i) {
        report.real(nn::DequantizeValue(t.i8()[i], t.quant.scale, t.quant.zero_point), 4);
    }
    report.end_array();
}

void write_int8(const char* key, const nn::Tensor& t) {
    report.begin_array(key);
    for (int i = 0; i < kModelClasses; ++i)
        report.integer(t.i8()[i]);
    report.end_array();
}

}  // namespace

void publish_model_report(const MnistModel& model, const PreprocessBuffers& buffers) {
    report.begin("mnist.model").string("model", model.name);
    report.begin_object("input").integer("side", kDigitSize);
    report.real("scale", model.input->quant.scale, 9).integer("zero_point", model.input->quant.zero_point).end_object();
    report.string("planner", "greedy");
    write_layers(model);
    write_totals(model, buffers);
    report.send();
}

void publish_inference_report(const MnistModel& model, const PreprocessBuffers& buffers, const Inference& inference) {
    report.begin("mnist.inference").integer("seq", inference.seq).string("source", inference.source);
    if (inference.slot >= 0)
        report.integer("slot", inference.slot);
    if (inference.ink_radius >= 0)
        report.integer("ink_radius", inference.ink_radius);
    report.integer("time_us", inference.time_us).real("host_us", inference.host_us, 4);
    report.integer("prediction", inference.prediction);
    write_dequantized("scores", *model.scores);
    write_int8("scores_int8", *model.scores);
    write_int8("logits_int8", *model.logits);
    report.begin_array("input");
    for (int i = 0; i < kModelInputSize; ++i)
        report.integer(inference.digit28[i]);
    report.end_array();
    write_layers(model);
    write_totals(model, buffers);
    report.send();
}

void publish_canvas_cleared() {
    report.begin("mnist.canvas")
        .integer("size", kCanvasSize)
        .integer("brush_radius", kBrushRadius)
        .integer("path_capacity", kPathCapacity)
        .send();
}
