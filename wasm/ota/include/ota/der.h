// der.h — ECDSA P-256 signatures: ASN.1 DER (an image's ECDSA_SIG TLV) to raw r‖s (the secure element's Verify
// operand). The same strict rules as src/ota/der.ts, so both accept the same bytes.
#ifndef OTA_DER_H
#define OTA_DER_H

#include <stddef.h>
#include <stdint.h>

#include "ota/image_format.h"

namespace ota {

/**
 * Converts a DER ECDSA-Sig-Value into r‖s (64 bytes, each half big-endian, left-padded). False, and `raw`
 * unspecified, unless `der` is a short-form SEQUENCE of exactly two minimally encoded, positive, non-zero INTEGERs
 * of at most 32 value bytes each.
 */
bool DerToRaw(const uint8_t* der, size_t len, uint8_t raw[kSignatureRawBytes]);

}  // namespace ota

#endif  // OTA_DER_H
