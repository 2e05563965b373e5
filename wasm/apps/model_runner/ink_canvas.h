// ink_canvas.h — what the pen draws on the 240x240 touch panel, and how a drawing becomes an image model's input.
//
// InkCanvas keeps the panel as 1 bit per pixel (7,200 bytes); each press inks a disc of kBrushRadius and each move
// while pressed the segment from the last point. to_image_input() resizes the drawing to the input's H x W by area
// averaging (each input pixel gets the fraction of its panel area that is ink: ink 1.0, paper 0.0, the [0, 1] pixel
// convention), replicates that grey over the input's channels and quantizes it with the input's scale and zero
// point. The input must be an image: [1, H, W, C] or [H, W, C], H and W at most 240.
#ifndef INK_CANVAS_H
#define INK_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "nn/tensor.h"

constexpr int kPanelSize = 240;
constexpr int kBrushRadius = 9;

class InkCanvas {
public:
    void clear();
    void pen(bool down, int x, int y);
    bool empty() const { return !inked_; }
    bool get(int x, int y) const { return (bits_[y * (kPanelSize / 8) + (x >> 3)] >> (7 - (x & 7))) & 1; }

private:
    void stroke(int x0, int y0, int x1, int y1);
    void set(int x, int y) { bits_[y * (kPanelSize / 8) + (x >> 3)] |= static_cast<uint8_t>(0x80 >> (x & 7)); }

    uint8_t bits_[kPanelSize * kPanelSize / 8] = {};
    bool down_ = false;
    bool inked_ = false;
    int last_x_ = 0;
    int last_y_ = 0;
};

// Writes the drawing into `input`. False, with the reason in `why`, when the input is not an image the panel fits.
bool to_image_input(const InkCanvas& canvas, nn::Tensor& input, char* why, size_t why_size);

#endif
