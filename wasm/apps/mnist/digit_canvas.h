// digit_canvas.h — what the pen draws, and how a drawing becomes an MNIST digit.
//
// DigitCanvas keeps the 240x240 touch panel as 1 bit per pixel: 7,200 bytes of SRAM (the 2018 demo kept a float
// per pixel, 230,400 bytes). A stroke inks every pixel within kBrushRadius of the pen's path while drawing.
//
// It also keeps the pen's path: kPathCapacity points of 2 bytes (2,048 bytes). A fixed brush makes a small digit a
// blob once it is scaled to 20x20, so reink() redraws the canvas from the path with a radius proportional to the
// drawing's size (ink_radius()) before it is preprocessed: the strokes come out about as wide whatever size the
// digit was drawn. A sample that no longer fits in the path is neither kept nor inked.
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

constexpr int kCanvasSize = 240;       // the touch panel, pixels
constexpr int kBrushRadius = 9;        // pixels, while drawing: strokes about 19 pixels wide
constexpr int kPathCapacity = 1024;    // path slots; a press takes two (a stroke mark and the point)
constexpr int kInkSidePerRadius = 15;  // re-inking: 1 pixel of brush radius per 15 pixels of the drawing's size
constexpr int kBoxSize = 20;           // MNIST: the digit's longer side
constexpr int kDigitSize = 28;         // MNIST: the field
constexpr int kComTarget = 14;         // where the centre of mass goes (MNIST's mean, index coordinates)

class DigitCanvas {
public:
    static constexpr int kBytes = kCanvasSize * kCanvasSize / 8;

    void clear();
    // Follow the pen: a press stamps a dot, a move while pressed draws a segment from the last point (a move to the
    // same point adds nothing). Each sample that inks is kept in the path.
    void pen(bool down, int x, int y);
    // max(1, round(side / kInkSidePerRadius)), side = the longer side of the path's bounding box (0 when empty).
    int ink_radius() const;
    // Redraws the canvas from the path with a brush of `radius`.
    void reink(int radius);
    bool path_full() const { return path_len_ == kPathCapacity; }
    // Ink the segment (x0, y0)-(x1, y1) with the brush (a dot when both ends are the same).
    void stroke(int x0, int y0, int x1, int y1, int radius = kBrushRadius);
    bool get(int x, int y) const { return (bits_[y * (kCanvasSize / 8) + (x >> 3)] >> (7 - (x & 7))) & 1; }

private:
    void set(int x, int y) { bits_[y * (kCanvasSize / 8) + (x >> 3)] |= static_cast<uint8_t>(0x80 >> (x & 7)); }

    struct PathPoint {
        uint8_t x, y;  // {kStrokeMark, kStrokeMark}: a stroke starts at the next point
    };
    static constexpr uint8_t kStrokeMark = 0xFF;  // not a panel coordinate (0..239)

    uint8_t bits_[kBytes] = {};
    PathPoint path_[kPathCapacity] = {};
    int path_len_ = 0;
    bool down_ = false;
    int last_x_ = 0;
    int last_y_ = 0;
};

// The MNIST-style 28x28 image (0 = background, 255 = ink) of the drawing, using box (20x20) as scratch space.
// Returns false, and leaves digit untouched, when nothing is drawn.
bool to_mnist(const DigitCanvas& canvas, uint8_t box[kBoxSize * kBoxSize], uint8_t digit[kDigitSize * kDigitSize]);

#endif
