// NonCopyable.h — base class that forbids copies, as mbed::NonCopyable does for drivers that own a pin or alarm.
#ifndef MBED_NONCOPYABLE_H
#define MBED_NONCOPYABLE_H

namespace mbed {

template <typename T>
class NonCopyable {
public:
    NonCopyable(const NonCopyable&) = delete;
    NonCopyable& operator=(const NonCopyable&) = delete;

protected:
    NonCopyable() = default;
    ~NonCopyable() = default;
};

}  // namespace mbed

#endif
