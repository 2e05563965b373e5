// golden_cases.h — runners for the golden cases, by kind: one op or an MLP (golden_op_cases.cc, twin of
// src/ml/golden/opCases.ts) and the arithmetic and planner tables (golden_table_cases.cc, twin of tableCases.ts).
#ifndef NN_TESTS_GOLDEN_CASES_H
#define NN_TESTS_GOLDEN_CASES_H

#include "golden_reader.h"
#include "nn/nn.h"

namespace nn_test {

void RunSingleOp(const golden::Case& c, nn::FcKernel kernel);
void RunMlp(const golden::Case& c, nn::FcKernel kernel);
void RunQuantizeMultiplier(const golden::Case& c);
void RunMultiplyByQuantizedMultiplier(const golden::Case& c);
void RunChooseQuantParams(const golden::Case& c);
void RunPlanner(const golden::Case& c);

}  // namespace nn_test

#endif  // NN_TESTS_GOLDEN_CASES_H
