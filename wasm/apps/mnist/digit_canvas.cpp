// digit_canvas.cpp — drawing with a round brush, re-inking to scale, and MNIST preprocessing (see digit_canvas.h).
#include "digit_canvas.h"

#include <string.h>

namespace {

int min_int(int a, int b) { return a < b ? a : b; }
int max_int(int a, int b) { return a > b ? a : b; }

// Floor division (C++ `/` truncates toward zero; offsets can be negative).
int floor_div(int a, int b) {
    int q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

void DigitCanvas::clear() {
    memset(bits_, 0, sizeof bits_);
    path_len_ = 0;
    down_ = false;
}

void DigitCanvas::pen(bool down, int x, int y) {
    if (down && !down_ && path_len_ + 2 <= kPathCapacity) {
        path_[path_len_++] = {kStrokeMark, kStrokeMark};
        path_[path_len_++] = {static_cast<uint8_t>(x), static_cast<uint8_t>(y)};
        stroke(x, y, x, y);
        last_x_ = x;
        last_y_ = y;
    } else if (down && down_ && (x != last_x_ || y != last_y_) && path_len_ + 1 <= kPathCapacity) {
        path_[path_len_++] = {static_cast<uint8_t>(x), static_cast<uint8_t>(y)};
        stroke(last_x_, last_y_, x, y);
        last_x_ = x;
        last_y_ = y;
    }
    down_ = down;
}

int DigitCanvas::ink_radius() const {
    int x0 = kCanvasSize, x1 = -1, y0 = kCanvasSize, y1 = -1;
    for (int i = 0; i < path_len_; ++i) {
        const PathPoint p = path_[i];
        if (p.x == kStrokeMark) {
            continue;
        }
        x0 = min_int(x0, p.x);
        x1 = max_int(x1, p.x);
        y0 = min_int(y0, p.y);
        y1 = max_int(y1, p.y);
    }
    const int side = x1 < 0 ? 0 : max_int(x1 - x0, y1 - y0);
    return max_int(1, (2 * side + kInkSidePerRadius) / (2 * kInkSidePerRadius));
}

void DigitCanvas::reink(int radius) {
    memset(bits_, 0, sizeof bits_);
    bool start = false;
    int x = 0, y = 0;
    for (int i = 0; i < path_len_; ++i) {
        const PathPoint p = path_[i];
        if (p.x == kStrokeMark) {
            start = true;
            continue;
        }
        if (start) {
            stroke(p.x, p.y, p.x, p.y, radius);
        } else {
            stroke(x, y, p.x, p.y, radius);
        }
        start = false;
        x = p.x;
        y = p.y;
    }
}

void DigitCanvas::stroke(int x0, int y0, int x1, int y1, int radius) {
    const int r2 = radius * radius;
    const int dx = x1 - x0;
    const int dy = y1 - y0;
    const int64_t len2 = static_cast<int64_t>(dx) * dx + static_cast<int64_t>(dy) * dy;
    const int x_min = max_int(0, min_int(x0, x1) - radius);
    const int x_max = min_int(kCanvasSize - 1, max_int(x0, x1) + radius);
    const int y_min = max_int(0, min_int(y0, y1) - radius);
    const int y_max = min_int(kCanvasSize - 1, max_int(y0, y1) + radius);
    for (int y = y_min; y <= y_max; ++y) {
        for (int x = x_min; x <= x_max; ++x) {
            const int ux = x - x0;
            const int uy = y - y0;
            const int64_t t = static_cast<int64_t>(ux) * dx + static_cast<int64_t>(uy) * dy;
            bool inside;
            if (len2 == 0 || t <= 0) {
                inside = ux * ux + uy * uy <= r2;
            } else if (t >= len2) {
                inside = (x - x1) * (x - x1) + (y - y1) * (y - y1) <= r2;
            } else {
                // distance to the line <= r  <=>  cross^2 <= r^2 * |d|^2
                const int64_t cross = static_cast<int64_t>(ux) * dy - static_cast<int64_t>(uy) * dx;
                inside = cross * cross <= r2 * len2;
            }
            if (inside) {
                set(x, y);
            }
        }
    }
}

bool to_mnist(const DigitCanvas& canvas, uint8_t box[kBoxSize * kBoxSize], uint8_t digit[kDigitSize * kDigitSize]) {
    // 1. Bounding box of the ink.
    int x0 = kCanvasSize, x1 = -1, y0 = kCanvasSize, y1 = -1;
    for (int y = 0; y < kCanvasSize; ++y) {
        for (int x = 0; x < kCanvasSize; ++x) {
            if (canvas.get(x, y)) {
                x0 = min_int(x0, x);
                x1 = max_int(x1, x);
                y0 = min_int(y0, y);
                y1 = max_int(y1, y);
            }
        }
    }
    if (x1 < 0) {
        return false;
    }

    // 2. The square of side `side` centred on the ink, area-averaged into 20x20. In units of 1/20 source pixel,
    //    source pixel k spans [20k, 20k + 20) and target pixel t spans [side t, side t + side).
    const int w = x1 - x0 + 1;
    const int h = y1 - y0 + 1;
    const int side = max_int(w, h);
    const int sx0 = x0 - (side - w) / 2;
    const int sy0 = y0 - (side - h) / 2;
    const int area = side * side;
    for (int ty = 0; ty < kBoxSize; ++ty) {
        const int ya = ty * side;
        const int yb = ya + side;
        for (int tx = 0; tx < kBoxSize; ++tx) {
            const int xa = tx * side;
            const int xb = xa + side;
            int sum = 0;
            for (int ky = ya / kBoxSize; ky * kBoxSize < yb; ++ky) {
                const int cy = sy0 + ky;
                if (cy < 0 || cy >= kCanvasSize) {
                    continue;
                }
                const int oy = min_int(ky * kBoxSize + kBoxSize, yb) - max_int(ky * kBoxSize, ya);
                for (int kx = xa / kBoxSize; kx * kBoxSize < xb; ++kx) {
                    const int cx = sx0 + kx;
                    if (cx < 0 || cx >= kCanvasSize || !canvas.get(cx, cy)) {
                        continue;
                    }
                    const int ox = min_int(kx * kBoxSize + kBoxSize, xb) - max_int(kx * kBoxSize, xa);
                    sum += ox * oy;
                }
            }
            box[ty * kBoxSize + tx] = static_cast<uint8_t>((sum * 255 + area / 2) / area);
        }
    }

    // 3. Centre of mass onto (14, 14): offset = round(14 - centre), halves rounded up.
    int mass = 0, mx = 0, my = 0;
    for (int y = 0; y < kBoxSize; ++y) {
        for (int x = 0; x < kBoxSize; ++x) {
            const int v = box[y * kBoxSize + x];
            mass += v;
            mx += x * v;
            my += y * v;
        }
    }
    memset(digit, 0, kDigitSize * kDigitSize);
    if (mass == 0) {
        return true;
    }
    const int ox = floor_div((2 * kComTarget + 1) * mass - 2 * mx, 2 * mass);
    const int oy = floor_div((2 * kComTarget + 1) * mass - 2 * my, 2 * mass);
    for (int y = 0; y < kBoxSize; ++y) {
        const int fy = y + oy;
        if (fy < 0 || fy >= kDigitSize) {
            continue;
        }
        for (int x = 0; x < kBoxSize; ++x) {
            const int fx = x + ox;
            if (fx >= 0 && fx < kDigitSize) {
                digit[fy * kDigitSize + fx] = box[y * kBoxSize + x];
            }
        }
    }
    return true;
}
