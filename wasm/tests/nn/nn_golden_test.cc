// nn_golden_test.cc — runs wasm/nn on the shared golden vectors with zero tolerance, plus property tests.
//
// Built for wasm32-wasip1 (command) by wasm/tests/nn/nn.test.ts and run under node:wasi; also builds natively:
//   g++ -std=c++17 -O2 -Iwasm/nn/include wasm/nn/src/*.cc wasm/tests/nn/*.cc -o /tmp/nn_test
//   /tmp/nn_test wasm/tests/nn/golden/nn_golden.bin
// Output, one line per check:  CASE <name> <op> <variant> n=<values> mismatches=<m>
// then                         SUMMARY checks=<n> failures=<f> cases=<c> simd=<0|1>
#include <cstdio>
#include <vector>

#include "golden_cases.h"
#include "golden_check.h"
#include "golden_reader.h"
#include "property_tests.h"

using namespace nn_test;

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "/golden/nn_golden.bin";
    FILE* f = std::fopen(path, "rb");
    if (f == nullptr) {
        std::printf("ERROR cannot open %s\n", path);
        return 2;
    }
    std::vector<uint8_t> data;
    static uint8_t buf[65536];
    size_t got = 0;
    while ((got = std::fread(buf, 1, sizeof(buf), f)) > 0)
        data.insert(data.end(), buf, buf + got);
    std::fclose(f);
    std::vector<golden::Case> cases;
    golden::Reader reader(data);
    if (!reader.Parse(&cases)) {
        std::printf("ERROR golden file: %s\n", reader.error().c_str());
        return 2;
    }
    for (const golden::Case& c : cases) {
        if (c.op == "QuantizeMultiplier")
            RunQuantizeMultiplier(c);
        else if (c.op == "MultiplyByQuantizedMultiplier")
            RunMultiplyByQuantizedMultiplier(c);
        else if (c.op == "ChooseQuantParams")
            RunChooseQuantParams(c);
        else if (c.op == "Planner")
            RunPlanner(c);
        else if (c.op == "MLP") {
            RunMlp(c, nn::FcKernel::kReference);
            RunMlp(c, nn::FcKernel::kSimd);
        } else if (c.op == "FullyConnected") {
            RunSingleOp(c, nn::FcKernel::kReference);
            RunSingleOp(c, nn::FcKernel::kSimd);
        } else {
            RunSingleOp(c, nn::FcKernel::kAuto);
        }
    }
    PlannerProperty();
    FullyConnectedSimdProperty();
    ConvSimdProperty();
    GraphProperty();
    std::printf("SUMMARY checks=%d failures=%d cases=%d simd=%d\n", g_checks, g_failures,
                static_cast<int>(cases.size()), nn::ref::SimdAvailable() ? 1 : 0);
    return g_failures == 0 ? 0 : 1;
}
