// C12832.cpp — the application-shield LCD: a 1-bit framebuffer published to the runtime with the printed text.
#include "C12832.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lcd_font.h"

namespace {
constexpr int kStride = SIM_LCD_WIDTH / 8;  // bytes per framebuffer row

inline int min_int(int a, int b) { return a < b ? a : b; }
inline int max_int(int a, int b) { return a > b ? a : b; }
}  // namespace

C12832::C12832(PinName, PinName, PinName, PinName, PinName, const char*) {
    memset(text_, 0, sizeof text_);
    memset(text_x_, 0, sizeof text_x_);
    cls();
}

// As in the mbed driver, cls() leaves the text cursor where it was: follow it with locate().
void C12832::cls() {
    memset(fb_, 0, sizeof fb_);
    memset(text_, 0, sizeof text_);
    text_dirty_ = true;
    changed();
}

void C12832::locate(int x, int y) {
    char_x_ = x;
    char_y_ = y;
}

int C12832::printf(const char* format, ...) {
    char buffer[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    puts(buffer);
    return n;
}

int C12832::puts(const char* s) {
    ++batch_;
    int n = 0;
    for (; s[n] != '\0'; ++n) {
        put_char(static_cast<unsigned char>(s[n]));
    }
    --batch_;
    changed();
    return n;
}

int C12832::putc(int c) {
    put_char(c);
    changed();
    return c;
}

void C12832::character(int x, int y, int c) {
    draw_glyph(x, y, c);
    changed();
}

// The mbed driver's text flow: '\n' starts a new line, a character that would cross the right edge goes to the
// start of the next line, and text that would run off the bottom continues at the top.
void C12832::put_char(int c) {
    if (c == '\n' || c == '\r') {
        char_x_ = 0;
        if (c == '\n') {
            char_y_ += kCharHeight;
            if (char_y_ + kCharHeight > height()) {
                char_y_ = 0;
            }
        }
        return;
    }
    if (c < lcd_font::kFirst || c > lcd_font::kLast) {
        return;
    }
    if (char_x_ + kCharWidth > width()) {
        char_x_ = 0;
        char_y_ += kCharHeight;
        if (char_y_ + kCharHeight > height()) {
            char_y_ = 0;
        }
    }
    draw_glyph(char_x_, char_y_, c);
    char_x_ += kCharWidth;
}

// Opaque: the whole 6x8 cell is drawn, so new text replaces what was under it.
void C12832::draw_glyph(int x, int y, int c) {
    if (c < lcd_font::kFirst || c > lcd_font::kLast) {
        return;
    }
    const uint8_t* glyph = lcd_font::kGlyphs[c - lcd_font::kFirst];
    for (int row = 0; row < kCharHeight; ++row) {
        for (int col = 0; col < kCharWidth; ++col) {
            bool on = col < lcd_font::kCols && (glyph[row] & (0x10 >> col)) != 0;
            set_pixel(x + col, y + row, on ? 1 : 0);
        }
    }
    remember_char(x, y, static_cast<char>(c));
}

void C12832::pixel(int x, int y, int color) {
    set_pixel(x, y, color);
    changed();
}

void C12832::set_pixel(int x, int y, int color) {
    if (x < 0 || y < 0 || x >= width() || y >= height()) {
        return;
    }
    uint8_t& byte = fb_[y * kStride + x / 8];
    uint8_t bit = static_cast<uint8_t>(0x80 >> (x & 7));
    if (mode_ == XOR) {
        if (color) {
            byte ^= bit;
        }
    } else if (color) {
        byte |= bit;
    } else {
        byte &= static_cast<uint8_t>(~bit);
    }
}

void C12832::hline(int x0, int x1, int y, int color) {
    for (int x = min_int(x0, x1); x <= max_int(x0, x1); ++x) {
        set_pixel(x, y, color);
    }
}

void C12832::line(int x0, int y0, int x1, int y1, int color) {
    // Bresenham, all octants.
    int dx = x1 > x0 ? x1 - x0 : x0 - x1;
    int dy = y1 > y0 ? y0 - y1 : y1 - y0;
    int sx = x0 < x1 ? 1 : -1;
    int sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        set_pixel(x0, y0, color);
        if (x0 == x1 && y0 == y1) {
            break;
        }
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
    changed();
}

void C12832::rect(int x0, int y0, int x1, int y1, int color) {
    hline(x0, x1, y0, color);
    hline(x0, x1, y1, color);
    for (int y = min_int(y0, y1) + 1; y < max_int(y0, y1); ++y) {
        set_pixel(x0, y, color);
        set_pixel(x1, y, color);
    }
    changed();
}

void C12832::fillrect(int x0, int y0, int x1, int y1, int color) {
    for (int y = min_int(y0, y1); y <= max_int(y0, y1); ++y) {
        hline(x0, x1, y, color);
    }
    forget_text(min_int(x0, x1), min_int(y0, y1), max_int(x0, x1), max_int(y0, y1));
    changed();
}

void C12832::circle(int x0, int y0, int r, int color) {
    // Midpoint circle: one octant computed, eight drawn.
    int x = r;
    int y = 0;
    int err = 1 - r;
    while (x >= y) {
        set_pixel(x0 + x, y0 + y, color);
        set_pixel(x0 + y, y0 + x, color);
        set_pixel(x0 - y, y0 + x, color);
        set_pixel(x0 - x, y0 + y, color);
        set_pixel(x0 - x, y0 - y, color);
        set_pixel(x0 - y, y0 - x, color);
        set_pixel(x0 + y, y0 - x, color);
        set_pixel(x0 + x, y0 - y, color);
        ++y;
        if (err < 0) {
            err += 2 * y + 1;
        } else {
            --x;
            err += 2 * (y - x) + 1;
        }
    }
    changed();
}

void C12832::fillcircle(int x0, int y0, int r, int color) {
    int dx = r;
    for (int dy = 0; dy <= r; ++dy) {
        while (dx > 0 && dx * dx + dy * dy > r * r + r) {  // "+ r" rounds the outline like circle()
            --dx;
        }
        hline(x0 - dx, x0 + dx, y0 + dy, color);
        if (dy != 0) {
            hline(x0 - dx, x0 + dx, y0 - dy, color);
        }
    }
    forget_text(x0 - r, y0 - r, x0 + r, y0 + r);
    changed();
}

void C12832::invert(unsigned int on) {
    inverted_ = on != 0;
    copy_to_lcd();  // a display setting: takes effect at once, as on the real controller
}

void C12832::copy_to_lcd() {
    if (text_dirty_) {
        // One line per text row that holds something, top to bottom; characters by column, trailing blanks cut.
        uint32_t len = 0;
        for (int row = 0; row < kTextRows; ++row) {
            int last = -1;
            for (int col = 0; col < kTextCols; ++col) {
                if (text_[row][col] != '\0' && text_[row][col] != ' ') {
                    last = col;
                }
            }
            if (last < 0) {
                continue;
            }
            if (len > 0) {
                text_out_[len++] = '\n';
            }
            for (int col = 0; col <= last; ++col) {
                text_out_[len++] = text_[row][col] != '\0' ? text_[row][col] : ' ';
            }
        }
        text_out_[len] = '\0';
        text_len_ = len;
        text_dirty_ = false;
    }
    if (inverted_) {
        uint8_t shown[SIM_LCD_FB_BYTES];
        for (int i = 0; i < SIM_LCD_FB_BYTES; ++i) {
            shown[i] = static_cast<uint8_t>(~fb_[i]);
        }
        sim_lcd_update(shown, sizeof shown, text_out_, text_len_);
    } else {
        sim_lcd_update(fb_, sizeof fb_, text_out_, text_len_);
    }
}

void C12832::changed() {
    if (auto_up_ && batch_ == 0) {
        copy_to_lcd();
    }
}

// Text is kept in cells: row = the y the character was drawn at, column = x / 6. Characters whose 6x8 cells
// overlap the area are forgotten (they were drawn over).
void C12832::forget_text(int x0, int y0, int x1, int y1) {
    int row_first = max_int(y0 - (kCharHeight - 1), kTextTop) - kTextTop;
    int row_last = min_int(y1, SIM_LCD_HEIGHT - 1) - kTextTop;
    int col_first = max_int((x0 - (kCharWidth - 1)) / kCharWidth, 0);
    int col_last = min_int(max_int(x1, 0) / kCharWidth, kTextCols - 1);
    for (int row = row_first; row <= row_last; ++row) {
        for (int col = col_first; col <= col_last; ++col) {
            int cx = text_x_[row][col];
            if (text_[row][col] != '\0' && cx <= x1 && cx + kCharWidth - 1 >= x0) {
                text_[row][col] = '\0';
                text_dirty_ = true;
            }
        }
    }
}

void C12832::remember_char(int x, int y, char c) {
    if (x < 0 || x >= SIM_LCD_WIDTH || y < kTextTop || y >= SIM_LCD_HEIGHT) {
        return;
    }
    forget_text(x, y, x + kCharWidth - 1, y + kCharHeight - 1);
    int row = y - kTextTop;
    int col = x / kCharWidth;
    text_[row][col] = c;
    text_x_[row][col] = static_cast<uint8_t>(x);
    text_dirty_ = true;
}
