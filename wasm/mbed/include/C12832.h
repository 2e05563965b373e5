// C12832.h — the 128x32 monochrome LCD of the mbed application shield.
//
// Same interface as the mbed C12832 driver: coordinates are pixels, colour 1 is a dark pixel, text is drawn with
// a built-in 6x8-pixel font (21 columns x 4 rows) starting at locate(x, y) and wraps at the right edge. With
// auto-update on (the default) every drawing call shows at once; with set_auto_up(0), call copy_to_lcd().
#ifndef C12832_H
#define C12832_H

#include <stdint.h>

#include "NonCopyable.h"
#include "PinNames.h"
#include "sim_abi.h"

// Draw modes for setmode().
enum { NORMAL = 0, XOR = 1 };

class C12832 : private mbed::NonCopyable<C12832> {
public:
    // The pins only name the shield's wiring; the simulated display needs none.
    C12832(PinName mosi, PinName sck, PinName reset, PinName a0, PinName ncs, const char* name = "LCD");

    int width() const { return SIM_LCD_WIDTH; }
    int height() const { return SIM_LCD_HEIGHT; }
    int columns() const { return SIM_LCD_WIDTH / kCharWidth; }
    int rows() const { return SIM_LCD_HEIGHT / kCharHeight; }

    // Clear the screen and move the text cursor home.
    void cls();
    // Move the text cursor to pixel (x, y): the top-left corner of the next character.
    void locate(int x, int y);

    int printf(const char* format, ...) __attribute__((format(printf, 2, 3)));
    int putc(int c);
    int puts(const char* s);
    // Draw one character with its top-left corner at (x, y); the cursor is not used.
    void character(int x, int y, int c);

    void pixel(int x, int y, int color);
    void line(int x0, int y0, int x1, int y1, int color);
    void rect(int x0, int y0, int x1, int y1, int color);
    void fillrect(int x0, int y0, int x1, int y1, int color);
    void circle(int x0, int y0, int r, int color);
    void fillcircle(int x0, int y0, int r, int color);

    // Inverted display (white on black); the framebuffer is unchanged.
    void invert(unsigned int on);
    // NORMAL: pixels are set to the colour; XOR: colour 1 toggles pixels.
    void setmode(int mode) { mode_ = mode; }
    void set_contrast(unsigned int contrast) { contrast_ = contrast; }
    unsigned int get_contrast() const { return contrast_; }

    void set_auto_up(unsigned int on) { auto_up_ = on != 0; }
    unsigned int get_auto_up() const { return auto_up_ ? 1 : 0; }
    // Send the framebuffer to the display.
    void copy_to_lcd();

private:
    static constexpr int kCharWidth = 6;
    static constexpr int kCharHeight = 8;
    // Text rows are kept per pixel row on which a character starts (-7 .. 31, as text may start above the top).
    static constexpr int kTextTop = -(kCharHeight - 1);
    static constexpr int kTextRows = SIM_LCD_HEIGHT - kTextTop;
    static constexpr int kTextCols = (SIM_LCD_WIDTH + kCharWidth - 1) / kCharWidth;

    void put_char(int c);
    void draw_glyph(int x, int y, int c);
    void set_pixel(int x, int y, int color);
    void hline(int x0, int x1, int y, int color);
    void forget_text(int x0, int y0, int x1, int y1);
    void remember_char(int x, int y, char c);
    void changed();

    uint8_t fb_[SIM_LCD_FB_BYTES];
    // What the firmware printed, for the text the runtime shows beside the display (accessibility, tests).
    char text_[kTextRows][kTextCols];
    uint8_t text_x_[kTextRows][kTextCols];
    char text_out_[kTextRows * (kTextCols + 1) + 1];
    uint32_t text_len_ = 0;
    bool text_dirty_ = true;

    int char_x_ = 0;
    int char_y_ = 0;
    int mode_ = NORMAL;
    unsigned int contrast_ = 23;
    bool auto_up_ = true;
    bool inverted_ = false;
    int batch_ = 0;  // > 0 while printf/puts draw several characters: one update at the end
};

#endif
