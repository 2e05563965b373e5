// digit_canvas.h — what the pen draws, and how a drawing becomes an MNIST digit.
//
// DigitCanvas keeps the 240x240 touch panel as 1 bit per pixel: 7,200 bytes of SRAM (the 2018 demo kept a float
// per pixel, 230,400 bytes). A stroke inks every pixel within kBrushRadius of the pen's path.
//
// to_mnist() prepares a drawing the way the MNIST digits were prepared from NIST's black-and-white scans:
//   1. find the bounding box of the ink;
//   2. scale its longer side to 20 pixels, keeping the aspect ratio, by area averaging: each of the 20x20 pixels
//      gets the fraction of its area that is ink, 0..255 (this is where the grey edges come from);
//   3. put the 20x20 image into a 28x28 field so that its centre of mass sits on pixel (14, 14).
// Integer arithmetic only; src/ml/mnist/preprocess.ts is the TypeScript twin and gives the same bytes.
#ifndef DIGIT_CANVAS_H
#define DIGIT_CANVAS_H

#include <stdint.h>

constexpr int kCanvasSize = 240;   // the touch panel, pixels
constexpr int kBrushRadius = 9;    // pixels: strokes about 19 pixels wide
constexpr int kBoxSize = 20;       // MNIST: the digit's longer side
constexpr int kDigitSize = 28;     // MNIST: the field
constexpr int kComTarget = 14;     // where the centre of mass goes (MNIST's mean, index coordinates)

class DigitCanvas {
public:
    static constexpr int kBytes = kCanvasSize * kCanvasSize / 8;

    void clear();
    // Follow the pen: a press stamps a dot, a move while pressed draws a segment from the last point.
    void pen(bool down, int x, int y);
    // Ink the segment (x0, y0)-(x1, y1) with the brush (a dot when both ends are the same).
    void stroke(int x0, int y0, int x1, int y1);
    bool get(int x, int y) const { return (bits_[y * (kCanvasSize / 8) + (x >> 3)] >> (7 - (x & 7))) & 1; }

private:
    void set(int x, int y) { bits_[y * (kCanvasSize / 8) + (x >> 3)] |= static_cast<uint8_t>(0x80 >> (x & 7)); }

    uint8_t bits_[kBytes] = {};
    bool down_ = false;
    int last_x_ = 0;
    int last_y_ = 0;
};

// The MNIST-style 28x28 image (0 = background, 255 = ink) of the drawing, using box (20x20) as scratch space.
// Returns false, and leaves digit untouched, when nothing is drawn.
bool to_mnist(const DigitCanvas& canvas, uint8_t box[kBoxSize * kBoxSize], uint8_t digit[kDigitSize * kDigitSize]);

#endif
