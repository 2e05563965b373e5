#include "ota/der.h"

#include <string.h>

namespace ota {

bool DerToRaw(const uint8_t* der, size_t len, uint8_t raw[kSignatureRawBytes]) {
    constexpr size_t kHalf = kSignatureRawBytes / 2;
    if (der == nullptr || len < kSignatureDerMinBytes || len > kSignatureDerMaxBytes)
        return false;
    if (der[0] != 0x30 || der[1] != len - 2)
        return false;
    memset(raw, 0, kSignatureRawBytes);
    size_t off = 2;
    for (size_t part = 0; part < 2; part++) {
        if (off + 2 > len || der[off] != 0x02)
            return false;
        const size_t n = der[off + 1];
        off += 2;
        if (n < 1 || n > kHalf + 1 || off + n > len)
            return false;
        const uint8_t* value = der + off;
        if (value[0] & 0x80)
            return false;  // negative
        if (n > 1 && value[0] == 0 && !(value[1] & 0x80))
            return false;  // non-minimal leading zero
        const uint8_t* digits = value[0] == 0 ? value + 1 : value;
        const size_t count = value[0] == 0 ? n - 1 : n;
        if (count > kHalf)
            return false;
        bool nonzero = false;
        for (size_t i = 0; i < count; i++)
            nonzero = nonzero || digits[i] != 0;
        if (!nonzero)
            return false;
        memcpy(raw + part * kHalf + kHalf - count, digits, count);
        off += n;
    }
    return off == len;
}

}  // namespace ota
