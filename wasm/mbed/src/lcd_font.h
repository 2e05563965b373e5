// lcd_font.h — glyphs for the C12832 text: 5x8 pixels in a 6x8 cell, printable ASCII only.
#ifndef MBED_LCD_FONT_H
#define MBED_LCD_FONT_H

#include <stdint.h>

namespace lcd_font {

constexpr int kFirst = 32;
constexpr int kLast = 126;
constexpr int kRows = 8;
constexpr int kCols = 5;

extern const uint8_t kGlyphs[kLast - kFirst + 1][kRows];

}  // namespace lcd_font

#endif
