// runner_report.cpp — the runner's telemetry reports (see runner_report.h).
#include "runner_report.h"

#include "mbed.h"

namespace {

// Outputs up to this many elements go into the inference report as int8 values.
constexpr int kMaxReportedOutput = 1024;

TelemetryReport<12288> report;

void write_shape(const char* key, const nn::Shape& s) {
    report.begin_array(key);
    for (int i = 0; i < s.rank; ++i)
        report.integer(s.dims[i]);
    report.end_array();
}

void write_tensor(const char* key, const nn::Tensor& t) {
    report.begin_object(key);
    write_shape("shape", t.shape);
    report.real("scale", t.quant.scale, 9).integer("zero_point", t.quant.zero_point).end_object();
}

void write_layers(const nn::Graph& graph) {
    report.begin_array("layers");
    for (int i = 0; i < graph.num_ops(); ++i) {
        nn::LayerStats s;
        graph.GetLayerStats(i, &s);
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

void write_totals(const InstalledModel& model) {
    nn::GraphStats g;
    model.loaded.graph->GetStats(&g);
    report.begin_object("totals");
    report.integer("macs", g.macs).integer("flash_model_bytes", g.flash_bytes).integer("weight_bytes", g.weight_bytes);
    report.integer("bias_bytes", g.bias_bytes).integer("scale_bytes", g.scale_bytes);
    report.integer("arena_bytes", g.arena_bytes).integer("arena_capacity", g.arena_capacity);
    report.integer("planned_bytes", g.planned_bytes).integer("persistent_bytes", g.persistent_bytes);
    report.integer("unplanned_bytes", g.unplanned_bytes).integer("package_bytes", model.body_bytes);
    report.integer("pool_bytes", model.loaded.pool_bytes).integer("pool_capacity", model_pool_bytes());
    report.integer("flash_window_bytes", model_window_bytes());
    report.end_object();
}

void send(const char* type) {
    if (!report.send()) {
        printf("(the %s report did not fit its %u-byte buffer)\n", type, 12288u);
    }
}

}  // namespace

void publish_model_report(const InstalledModel* model, const char* why) {
    report.begin("model_runner.model");
    if (model == nullptr) {
        report.string("status", "none").string("reason", why);
        send("model_runner.model");
        return;
    }
    report.string("status", "installed").string("version", model->version);
    write_tensor("input", *model->input);
    write_tensor("output", *model->output);
    report.integer("outputs", model->loaded.num_outputs);
    write_layers(*model->loaded.graph);
    write_totals(*model);
    send("model_runner.model");
}

void publish_inference_report(const InstalledModel& model, const Inference& inference) {
    report.begin("model_runner.inference").integer("seq", inference.seq).string("source", inference.source);
    report.string("version", model.version);
    report.integer("time_us", inference.time_us).real("host_us", inference.host_us, 4);
    report.begin_array("top_k");
    for (int i = 0; i < inference.top.count; ++i) {
        report.begin_object().integer("index", inference.top.index[i]).real("score", inference.top.score[i], 6);
        report.end_object();
    }
    report.end_array();
    const nn::Tensor& out = *model.output;
    if (out.shape.FlatSize() <= kMaxReportedOutput) {
        report.begin_array("output_int8");
        for (int i = 0; i < out.shape.FlatSize(); ++i)
            report.integer(out.i8()[i]);
        report.end_array();
    }
    write_layers(*model.loaded.graph);
    write_totals(model);
    send("model_runner.inference");
}

void publish_error(const char* source, const char* message) {
    report.begin("model_runner.error").string("source", source).string("message", message);
    send("model_runner.error");
}
