// ubsan_handlers.cpp — the checks the application's own files are compiled with (-fsanitize=null,pointer-overflow,
// see APP_COMPILE_FLAGS in src/toolchain/flags.ts) end here and halt the board with a named fault.
//
// WebAssembly has no memory protection: address 0 is ordinary RAM (the bottom of the stack), so without these
// checks a write through a null pointer silently succeeds. Only code compiled with the flags is checked — the
// application's files, not the SDK's libraries (libmbed, libnn, libc): memcpy(NULL, ...) is not caught.
#include <stdint.h>
#include <string.h>

#include "sim_runtime.h"

namespace {

// Layouts fixed by clang's code generation (compiler-rt ubsan_handlers.h).
struct SourceLocation {
    const char* file;
    uint32_t line;
    uint32_t column;
};
struct TypeMismatchData {
    SourceLocation loc;
    const void* type;
    unsigned char log_alignment;
    unsigned char kind;
};
struct PointerOverflowData {
    SourceLocation loc;
};

// The application's files are compiled under /src/ (src/toolchain/firmwareBuilder.ts).
const char* short_name(const char* file) { return strncmp(file, "/src/", 5) == 0 ? file + 5 : file; }

const char* access_name(unsigned char kind) {
    static const char* const kNames[] = {
        "load from",      "store to",           "reference binding to", "member access within",
        "member call on", "constructor call on"};
    return kind < sizeof kNames / sizeof kNames[0] ? kNames[kind] : "use of";
}

}  // namespace

// -fsanitize=null: called only for a null pointer (alignment is not checked).
extern "C" [[noreturn]] void __ubsan_handle_type_mismatch_v1_abort(TypeMismatchData* data, uintptr_t) {
    sim_rt::faultf("null pointer: %s address 0 at %s:%u:%u", access_name(data->kind), short_name(data->loc.file),
                   data->loc.line, data->loc.column);
}

extern "C" [[noreturn]] void __ubsan_handle_pointer_overflow_abort(PointerOverflowData* data, uintptr_t base,
                                                                   uintptr_t result) {
    const char* file = short_name(data->loc.file);
    if (base == 0) {
        sim_rt::faultf("null pointer: offset 0x%lx applied to a null pointer at %s:%u:%u",
                       static_cast<unsigned long>(result), file, data->loc.line, data->loc.column);
    }
    sim_rt::faultf("pointer arithmetic on 0x%lx overflowed to 0x%lx at %s:%u:%u", static_cast<unsigned long>(base),
                   static_cast<unsigned long>(result), file, data->loc.line, data->loc.column);
}
