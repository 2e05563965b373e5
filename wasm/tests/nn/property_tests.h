// property_tests.h — checks on random problems rather than golden vectors.
#ifndef NN_TESTS_PROPERTY_TESTS_H
#define NN_TESTS_PROPERTY_TESTS_H

namespace nn_test {

void PlannerProperty();
void FullyConnectedSimdProperty();
void ConvSimdProperty();
void GraphProperty();

}  // namespace nn_test

#endif  // NN_TESTS_PROPERTY_TESTS_H
