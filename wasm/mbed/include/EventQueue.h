// EventQueue.h — events::EventQueue and events::Event: run functions later, in the context that dispatches.
//
// The usual pattern: interrupt handlers post work (`queue.call(...)`, or `btn.fall(queue.event(handler))`) and
// main() calls `queue.dispatch_forever()`, so the work runs outside interrupt context. Posting is safe from
// interrupt context and allocates nothing: each queue gets a fixed pool of event slots when it is constructed.
// Arguments given to call()/event() are copied into the slot.
#ifndef MBED_EVENTQUEUE_H
#define MBED_EVENTQUEUE_H

#include <stdint.h>

#include <new>
#include <type_traits>
#include <utility>

#include "Callback.h"
#include "NonCopyable.h"
#include "mbed_chrono.h"

namespace events {

using mbed::Callback;

namespace queue_internal {

// Bytes of function plus bound arguments an event slot can hold.
constexpr unsigned event_storage_size = 56;

// One queued call. Free slots form a list; queued ones a list sorted by deadline.
struct EventSlot {
    int64_t deadline_us;
    int64_t period_us;  // < 0: one shot
    EventSlot* next;
    void (*invoke)(void* storage);
    void (*destroy)(void* storage);  // nullptr for trivially destructible functions
    int id;
    uint8_t state;
    alignas(8) unsigned char storage[event_storage_size];
};

template <typename... T>
struct first_type {
    using type = void;
};
template <typename T0, typename... T>
struct first_type<T0, T...> {
    using type = T0;
};

// True for (object pointer, member function pointer, ...): the Mbed form call(&obj, &Class::method, args...).
template <typename F, typename... A>
constexpr bool is_object_method_v = std::is_pointer_v<F> && std::is_class_v<std::remove_pointer_t<F>> &&
                                    std::is_member_function_pointer_v<typename first_type<A...>::type>;

template <typename Obj, typename Method, typename... A>
void call_method(Obj* obj, Method method, A&&... a) {
    (obj->*method)(std::forward<A>(a)...);
}

// Call f(args...), or obj->method(args...) for the object-method form.
template <typename F, typename... A>
void apply(F& f, A&&... a) {
    if constexpr (is_object_method_v<F, std::decay_t<A>...>) {
        call_method(f, std::forward<A>(a)...);
    } else {
        f(std::forward<A>(a)...);
    }
}

// A function object holding f and copies of args.
template <typename F, typename... A>
auto bind(F f, A... args) {
    return [f, args...]() mutable { apply(f, args...); };
}

// drop_front<N, P...>::type is void(P...) without its first N types: the arguments left after binding N.
template <bool Done, unsigned N, typename... P>
struct drop_front_impl;
template <unsigned N, typename... P>
struct drop_front_impl<true, N, P...> {
    using type = void(P...);
};
template <unsigned N, typename P0, typename... P>
struct drop_front_impl<false, N, P0, P...> : drop_front_impl<N - 1 == 0, N - 1, P...> {};
template <unsigned N, typename... P>
struct drop_front : drop_front_impl<N == 0, N, P...> {};

template <unsigned N, typename Signature>
struct remaining_signature;
template <unsigned N, typename R, typename... P>
struct remaining_signature<N, R(P...)> : drop_front<N, P...> {};

// The Event signature for event(f, bound...) or event(obj, method, bound...).
template <bool ObjectMethod, typename F, typename... A>
struct event_signature_impl
    : remaining_signature<sizeof...(A), typename mbed::callback_internal::signature_of<F>::type> {};
template <typename Obj, typename Method, typename... A>
struct event_signature_impl<true, Obj, Method, A...>
    : remaining_signature<sizeof...(A), typename mbed::callback_internal::signature_of<Method>::type> {};
template <typename F, typename... A>
struct event_signature : event_signature_impl<is_object_method_v<F, A...>, F, A...> {};

template <typename Signature>
struct EventMaker;

}  // namespace queue_internal

#define EVENTS_EVENT_SIZE (sizeof(::events::queue_internal::EventSlot))
#define EVENTS_QUEUE_SIZE (32 * EVENTS_EVENT_SIZE)

template <typename Signature>
class Event;

class EventQueue : private mbed::NonCopyable<EventQueue> {
public:
    using duration = std::chrono::duration<int, std::milli>;

    // `size` is in bytes, as in Mbed OS: room for size / EVENTS_EVENT_SIZE pending events. With `buffer`, the
    // slots live there (it must hold `size` bytes, 8-byte aligned); otherwise they are allocated once, here.
    explicit EventQueue(unsigned size = EVENTS_QUEUE_SIZE, unsigned char* buffer = nullptr);
    ~EventQueue();

    // Run events until break_dispatch(); sleeps while none is due.
    void dispatch_forever();
    // Run events for `ms`, then return.
    void dispatch_for(duration ms);
    // Run the events that are due now, then return.
    void dispatch_once();
    // Mbed OS 5: ms < 0 forever, 0 once, else for ms.
    void dispatch(int ms = -1);
    // Make the running (or the next) dispatch return. Safe from interrupt context.
    void break_dispatch();

    // Cancel a pending event by the id call()/call_in()/call_every() returned.
    bool cancel(int id);
    // Milliseconds until the event runs; 0 if due or running, -1 if the id is unknown.
    int time_left(int id);

    // Run f(args...) (or obj->method(args...)) as soon as possible. Returns an id, or 0 if the queue is full.
    template <typename F, typename... A>
    int call(F f, A... args) {
        return post(0, -1, queue_internal::bind(f, args...));
    }

    // Run once, `ms` from now.
    template <typename F, typename... A>
    int call_in(duration ms, F f, A... args) {
        return post(ms_to_us(ms), -1, queue_internal::bind(f, args...));
    }

    // Run every `ms`, the first time `ms` from now.
    template <typename F, typename... A>
    int call_every(duration ms, F f, A... args) {
        return post(ms_to_us(ms), ms_to_us(ms), queue_internal::bind(f, args...));
    }

    // Integer milliseconds, as in Mbed OS 5.
    template <typename F, typename... A>
    int call_in(int ms, F f, A... args) {
        return call_in(duration(ms), f, args...);
    }
    template <typename F, typename... A>
    int call_every(int ms, F f, A... args) {
        return call_every(duration(ms), f, args...);
    }

    // An Event: a callable that posts f(bound..., args...) to this queue when called, e.g. from an interrupt.
    template <typename F, typename... A>
    Event<typename queue_internal::event_signature<F, A...>::type> event(F f, A... bound);

    // Posts an already bound function object; used by Event. Returns the event id, or 0 if the queue is full.
    template <typename Fn>
    int post(int64_t delay_us, int64_t period_us, Fn fn) {
        static_assert(sizeof(Fn) <= queue_internal::event_storage_size,
                      "EventQueue: function and arguments too large for an event slot (56 bytes)");
        static_assert(alignof(Fn) <= 8, "EventQueue: function object over-aligned");
        queue_internal::EventSlot* slot = allocate();
        if (slot == nullptr) {
            return 0;
        }
        new (slot->storage) Fn(std::move(fn));
        slot->invoke = [](void* p) { (*static_cast<Fn*>(p))(); };
        if constexpr (std::is_trivially_destructible_v<Fn>) {
            slot->destroy = nullptr;
        } else {
            slot->destroy = [](void* p) { static_cast<Fn*>(p)->~Fn(); };
        }
        return schedule(slot, delay_us, period_us);
    }

private:
    static int64_t ms_to_us(duration ms) { return static_cast<int64_t>(ms.count()) * 1000; }

    queue_internal::EventSlot* allocate();
    int schedule(queue_internal::EventSlot* slot, int64_t delay_us, int64_t period_us);
    void insert(queue_internal::EventSlot* slot);
    void release(queue_internal::EventSlot* slot);
    queue_internal::EventSlot* find(int id);
    bool run_one(int64_t now_us, int64_t* next_deadline_us);
    void run(int64_t end_us, bool once);

    queue_internal::EventSlot* slots_ = nullptr;
    unsigned capacity_ = 0;
    bool owns_slots_ = false;
    queue_internal::EventSlot* free_ = nullptr;
    queue_internal::EventSlot* pending_ = nullptr;
    uint32_t generation_ = 0;
    volatile bool break_requested_ = false;
    bool warned_full_ = false;
};

// A function bound to a queue. Calling it (post(), call() or operator()) posts the function with the given
// arguments; Events are small and trivially copyable, so they fit in a Callback (`btn.fall(queue.event(f))`).
template <typename... Args>
class Event<void(Args...)> {
public:
    using duration = EventQueue::duration;

    // f must be callable as f(Args...) and fit in 20 bytes: a function pointer with up to four bound ints or
    // pointers, an object pointer and member function with one, or a lambda capturing up to five pointers.
    template <typename F>
    Event(EventQueue* q, F f) : queue_(q) {
        static_assert(sizeof(F) <= sizeof(storage_),
                      "events::Event: function and bound arguments must fit in 20 bytes");
        static_assert(alignof(F) <= alignof(void*), "events::Event: function object over-aligned");
        static_assert(std::is_trivially_copyable_v<F> && std::is_trivially_destructible_v<F>,
                      "events::Event: bind only trivially copyable values");
        new (storage_) F(f);
        invoke_ = [](void* p, Args... a) { (*static_cast<F*>(p))(a...); };
    }

    // Delay before the posted call runs, and its period (negative: once).
    void delay(duration d) { delay_ms_ = d.count(); }
    void delay(int ms) { delay_ms_ = ms; }
    void period(duration p) { period_ms_ = p.count(); }
    void period(int ms) { period_ms_ = ms; }

    int post(Args... args) const {
        Event self = *this;
        return queue_->post(int64_t(delay_ms_) * 1000, period_ms_ < 0 ? -1 : int64_t(period_ms_) * 1000,
                            [self, args...]() mutable { self.invoke_(self.storage_, args...); });
    }
    void call(Args... args) const { post(args...); }
    void operator()(Args... args) const { post(args...); }

    static void thunk(void* func, Args... args) { static_cast<Event*>(func)->post(args...); }

private:
    void (*invoke_)(void*, Args...);
    EventQueue* queue_;
    int delay_ms_ = 0;
    int period_ms_ = -1;
    alignas(void*) mutable unsigned char storage_[20];  // sizeof(Event) == 36: fits in a Callback
};

namespace queue_internal {
template <typename... Rest>
struct EventMaker<void(Rest...)> {
    template <typename F, typename... A>
    static Event<void(Rest...)> make(EventQueue* q, F f, A... bound) {
        return Event<void(Rest...)>(q, [f, bound...](Rest... rest) mutable { apply(f, bound..., rest...); });
    }
};
}  // namespace queue_internal

template <typename F, typename... A>
Event<typename queue_internal::event_signature<F, A...>::type> EventQueue::event(F f, A... bound) {
    return queue_internal::EventMaker<typename queue_internal::event_signature<F, A...>::type>::make(this, f, bound...);
}

}  // namespace events

#endif
