// Native build of the firmware's MNIST model and int8 engine (same sources, host compiler), for `npm run bench`.
// Usage: mnist_native <images.raw: N x 784 bytes> <labels.raw: N bytes> <repeats>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <vector>

#include "mnist_model.h"
#include "nn/nn.h"

int main(int argc, char** argv) {
    if (argc != 4) return 2;
    FILE* fi = std::fopen(argv[1], "rb");
    FILE* fl = std::fopen(argv[2], "rb");
    if (!fi || !fl) return 3;
    std::vector<unsigned char> images, labels;
    for (int c; (c = std::fgetc(fi)) != EOF;) images.push_back(static_cast<unsigned char>(c));
    for (int c; (c = std::fgetc(fl)) != EOF;) labels.push_back(static_cast<unsigned char>(c));
    const int n = static_cast<int>(labels.size());
    const int repeats = std::atoi(argv[3]);
    const char* error = nullptr;
    const mnist_model::Model* model = mnist_model::Build(&error);
    if (!model) {
        std::fprintf(stderr, "%s\n", error);
        return 4;
    }
    int correct = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < repeats; ++r) {
        for (int d = 0; d < n; ++d) {
            int8_t* input = model->input->i8();
            for (int i = 0; i < mnist_model::kInputSize; ++i) {
                input[i] = nn::QuantizeInt8(images[d * 784 + i] / 255.0f, mnist_model::kInputScale, mnist_model::kInputZeroPoint);
            }
            model->graph->Invoke();
            if (r == 0 && model->prediction->i32()[0] == labels[d]) ++correct;
        }
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.3f %d %d\n", us / (static_cast<double>(n) * repeats), correct, n);
    return 0;
}
