// ink_canvas.cpp — drawing and resizing (see ink_canvas.h).
#include "ink_canvas.h"

#include <stdio.h>
#include <string.h>

#include "nn/quant_util.h"

namespace {

int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

}  // namespace

void InkCanvas::clear() {
    memset(bits_, 0, sizeof bits_);
    down_ = false;
    inked_ = false;
}

void InkCanvas::pen(bool down, int x, int y) {
    if (down) {
        stroke(down_ ? last_x_ : x, down_ ? last_y_ : y, x, y);
        last_x_ = x;
        last_y_ = y;
    }
    down_ = down;
}

// Every pixel within kBrushRadius of the segment: distance to the segment's nearest point, in integers.
void InkCanvas::stroke(int x0, int y0, int x1, int y1) {
    const int r = kBrushRadius;
    const int64_t dx = x1 - x0;
    const int64_t dy = y1 - y0;
    const int64_t len2 = dx * dx + dy * dy;
    for (int y = clamp((y0 < y1 ? y0 : y1) - r, 0, kPanelSize - 1);
         y <= clamp((y0 > y1 ? y0 : y1) + r, 0, kPanelSize - 1); ++y) {
        for (int x = clamp((x0 < x1 ? x0 : x1) - r, 0, kPanelSize - 1);
             x <= clamp((x0 > x1 ? x0 : x1) + r, 0, kPanelSize - 1); ++x) {
            const int64_t ux = x - x0;
            const int64_t uy = y - y0;
            const int64_t t = ux * dx + uy * dy;
            bool inside;
            if (len2 == 0 || t <= 0) {
                inside = ux * ux + uy * uy <= r * r;
            } else if (t >= len2) {
                inside = (x - x1) * (x - x1) + (y - y1) * (y - y1) <= r * r;
            } else {
                const int64_t cross = ux * dy - uy * dx;  // distance to the line <= r  <=>  cross^2 <= r^2 |d|^2
                inside = cross * cross <= r * r * len2;
            }
            if (inside) {
                set(x, y);
                inked_ = true;
            }
        }
    }
}

bool to_image_input(const InkCanvas& canvas, nn::Tensor& input, char* why, size_t why_size) {
    const nn::Shape& s = input.shape;
    const bool image = (s.rank == 4 && s.dims[0] == 1) || s.rank == 3;
    const int h = image ? s.dims[s.rank - 3] : 0;
    const int w = image ? s.dims[s.rank - 2] : 0;
    const int c = image ? s.dims[s.rank - 1] : 0;
    if (!image || h > kPanelSize || w > kPanelSize) {
        char shape[48];
        snprintf(why, why_size, "the input %s is not an image of at most 240x240: send an input tensor",
                 s.Format(shape, sizeof shape));
        return false;
    }
    // Input pixel (ty, tx) covers panel rows [ty * 240 / h, (ty + 1) * 240 / h), in units of 1/h panel pixel.
    int8_t* out = input.i8();
    for (int ty = 0; ty < h; ++ty) {
        const int ya = ty * kPanelSize;
        const int yb = ya + kPanelSize;
        for (int tx = 0; tx < w; ++tx) {
            const int xa = tx * kPanelSize;
            const int xb = xa + kPanelSize;
            int64_t ink = 0;
            for (int py = ya / h; py * h < yb; ++py) {
                const int oy = ((py + 1) * h < yb ? (py + 1) * h : yb) - (py * h > ya ? py * h : ya);
                for (int px = xa / w; px * w < xb; ++px) {
                    if (canvas.get(px, py)) {
                        const int ox = ((px + 1) * w < xb ? (px + 1) * w : xb) - (px * w > xa ? px * w : xa);
                        ink += static_cast<int64_t>(ox) * oy;
                    }
                }
            }
            const float grey = static_cast<float>(ink) / (static_cast<float>(kPanelSize) * kPanelSize);
            const int8_t q = nn::QuantizeInt8(grey, input.quant.scale, input.quant.zero_point);
            for (int k = 0; k < c; ++k) {
                out[(ty * w + tx) * c + k] = q;
            }
        }
    }
    return true;
}
