// Callback.h — mbed::Callback<R(Args...)>: a copyable, type-erased function reference with no heap use.
//
// It holds a function pointer, an object with a member function (`callback(this, &Foo::bar)`), a function with a
// bound first argument, or a small lambda/functor, copied into 36 bytes of inline storage. As in Mbed OS 6, stored
// functors must be trivially copyable and destructible (capture pointers and numbers, not std::string); the
// static_asserts below say so when they are not.
#ifndef MBED_CALLBACK_H
#define MBED_CALLBACK_H

#include <stddef.h>
#include <string.h>

#include <new>
#include <type_traits>
#include <utility>

namespace mbed {

namespace callback_internal {

// Halts the board: an empty Callback was called.
[[noreturn]] void callback_called_empty();

// signature_of<F>::type is R(Args...) for function pointers, member function pointers and lambdas/functors.
template <typename F>
struct signature_of : signature_of<decltype(&F::operator())> {};
template <typename R, typename... A>
struct signature_of<R(A...)> {
    using type = R(A...);
};
template <typename R, typename... A>
struct signature_of<R (*)(A...)> : signature_of<R(A...)> {};
template <typename R, typename... A>
struct signature_of<R (*)(A...) noexcept> : signature_of<R(A...)> {};
template <typename C, typename R, typename... A>
struct signature_of<R (C::*)(A...)> : signature_of<R(A...)> {};
template <typename C, typename R, typename... A>
struct signature_of<R (C::*)(A...) const> : signature_of<R(A...)> {};
template <typename C, typename R, typename... A>
struct signature_of<R (C::*)(A...) noexcept> : signature_of<R(A...)> {};
template <typename C, typename R, typename... A>
struct signature_of<R (C::*)(A...) const noexcept> : signature_of<R(A...)> {};

// Object (pointer or value) plus member function pointer, called as (obj->*method)(args...).
template <typename Obj, typename Method>
struct MethodCall {
    Obj obj;
    Method method;
    template <typename... A>
    decltype(auto) operator()(A&&... a) {
        if constexpr (std::is_pointer_v<Obj>) {
            return (obj->*method)(std::forward<A>(a)...);
        } else {
            return (obj.*method)(std::forward<A>(a)...);
        }
    }
};

// Function plus a bound first argument, called as func(arg, args...).
template <typename Fn, typename Arg>
struct BoundCall {
    Fn func;
    Arg arg;
    template <typename... A>
    decltype(auto) operator()(A&&... a) {
        return func(arg, std::forward<A>(a)...);
    }
};

}  // namespace callback_internal

template <typename Signature>
class Callback;

template <typename R, typename... ArgTs>
class Callback<R(ArgTs...)> {
public:
    static constexpr size_t storage_size = 36;  // + the call pointer: sizeof(Callback) == 40

    // An empty callback; calling it halts the board.
    Callback(std::nullptr_t = nullptr) noexcept { clear(); }

    // Function pointer, lambda or functor callable as R(ArgTs...).
    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback> &&
                                                      std::is_invocable_r_v<R, std::decay_t<F>&, ArgTs...>>>
    Callback(F f) {
        if constexpr (std::is_pointer_v<F> || std::is_member_pointer_v<F>) {
            if (f == nullptr) {
                clear();
                return;
            }
        }
        store(f);
    }

    // `Callback(obj, &Class::method)` or `Callback(func, bound_arg)`.
    template <typename A, typename B,
              typename = std::enable_if_t<std::is_invocable_r_v<R, B&, A&, ArgTs...> ||
                                          std::is_invocable_r_v<R, A&, B&, ArgTs...>>>
    Callback(A a, B b) {
        if constexpr (std::is_member_function_pointer_v<B>) {
            store(callback_internal::MethodCall<A, B>{a, b});
        } else {
            store(callback_internal::BoundCall<A, B>{a, b});
        }
    }

    R call(ArgTs... args) const {
        if (call_ == nullptr) {
            callback_internal::callback_called_empty();
        }
        return call_(storage_, std::forward<ArgTs>(args)...);
    }

    R operator()(ArgTs... args) const { return call(std::forward<ArgTs>(args)...); }

    explicit operator bool() const { return call_ != nullptr; }

    friend bool operator==(const Callback& a, const Callback& b) {
        return a.call_ == b.call_ && memcmp(a.storage_, b.storage_, storage_size) == 0;
    }
    friend bool operator!=(const Callback& a, const Callback& b) { return !(a == b); }
    friend bool operator==(const Callback& f, std::nullptr_t) { return !f; }
    friend bool operator!=(const Callback& f, std::nullptr_t) { return bool(f); }

    // C-style trampoline: pass `&callback_object` as the context pointer.
    static R thunk(void* func, ArgTs... args) {
        return static_cast<Callback*>(func)->call(std::forward<ArgTs>(args)...);
    }

private:
    template <typename F>
    void store(const F& f) {
        static_assert(sizeof(F) <= storage_size,
                      "mbed::Callback: function object too large; capture at most 36 bytes (e.g. 9 pointers)");
        static_assert(alignof(F) <= 8, "mbed::Callback: function object over-aligned");
        static_assert(std::is_trivially_copyable_v<F> && std::is_trivially_destructible_v<F>,
                      "mbed::Callback: capture only trivially copyable values (pointers, numbers), "
                      "not objects such as std::string");
        clear();
        new (storage_) F(f);
        call_ = &invoke<F>;
    }

    template <typename F>
    static R invoke(void* storage, ArgTs... args) {
        F& f = *static_cast<F*>(storage);
        if constexpr (std::is_void_v<R>) {
            f(std::forward<ArgTs>(args)...);
        } else {
            return f(std::forward<ArgTs>(args)...);
        }
    }

    void clear() {
        memset(storage_, 0, storage_size);
        call_ = nullptr;
    }

    // Zeroed before use so that operator== can compare bytes.
    alignas(8) mutable unsigned char storage_[storage_size];
    R (*call_)(void*, ArgTs...);
};

// ---- callback(): build a Callback with its signature deduced -------------------------------------------------

template <typename R, typename... A>
Callback<R(A...)> callback(R (*func)(A...)) {
    return Callback<R(A...)>(func);
}

template <typename R, typename... A>
Callback<R(A...)> callback(const Callback<R(A...)>& func) {
    return func;
}

template <typename U, typename T, typename R, typename... A>
Callback<R(A...)> callback(U* obj, R (T::*method)(A...)) {
    return Callback<R(A...)>(static_cast<T*>(obj), method);
}

template <typename U, typename T, typename R, typename... A>
Callback<R(A...)> callback(const U* obj, R (T::*method)(A...) const) {
    return Callback<R(A...)>(static_cast<const T*>(obj), method);
}

template <typename U, typename T, typename R, typename... A>
Callback<R(A...)> callback(R (*func)(T*, A...), U* arg) {
    return Callback<R(A...)>(func, static_cast<T*>(arg));
}

// Lambdas and other functors (not generic lambdas: their signature cannot be deduced).
template <typename F, typename = std::enable_if_t<std::is_class_v<F>>>
Callback<typename callback_internal::signature_of<F>::type> callback(F f) {
    return Callback<typename callback_internal::signature_of<F>::type>(f);
}

}  // namespace mbed

#endif
