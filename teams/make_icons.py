#!/usr/bin/env python3
"""Draws the Teams app icons with the standard library only, so they can be regenerated exactly.

    python3 teams/make_icons.py        # writes teams/color.png and teams/outline.png

color.png   192x192, full colour: a white droplet on the product colour #0b5f6b.
outline.png 32x32, white on transparent, as Teams requires for the outline icon.

Edges are anti-aliased by sampling each pixel on a 4x4 grid. The output is byte-for-byte deterministic.
"""
import math
import os
import struct
import zlib

PRODUCT = (0x0B, 0x5F, 0x6B)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4


def inside_droplet(x, y):
    """A droplet in the unit square: a round bottom (circle) and a point at the top (cone tangent to the circle)."""
    cx, cy, r = 0.5, 0.62, 0.28
    tip_y = 0.08
    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    d = cy - tip_y
    half_angle = math.asin(r / d)
    tangent_len = math.sqrt(d * d - r * r)
    tangent_y = tip_y + tangent_len * math.cos(half_angle)
    if y < tip_y or y > tangent_y:
        return False
    dx, dy = x - cx, y - tip_y
    return math.atan2(abs(dx), dy) <= half_angle


def inside_highlight(x, y):
    """A small curved highlight on the droplet's left side, drawn in the background colour on the colour icon."""
    cx, cy = 0.5, 0.62
    dist = math.hypot(x - cx, y - cy)
    angle = math.degrees(math.atan2(y - cy, x - cx))
    return 0.17 <= dist <= 0.21 and 110 <= angle <= 170


def coverage(size, px, py, margin, shape):
    hits = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            u = (px + (sx + 0.5) / SAMPLES) / size
            v = (py + (sy + 0.5) / SAMPLES) / size
            # Shrink the drawing area by the margin on every side.
            u = (u - margin) / (1 - 2 * margin)
            v = (v - margin) / (1 - 2 * margin)
            if 0 <= u <= 1 and 0 <= v <= 1 and shape(u, v):
                hits += 1
    return hits / (SAMPLES * SAMPLES)


def blend(a, b, t):
    return tuple(round(a[i] * (1 - t) + b[i] * t) for i in range(3))


def color_icon(size=192):
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            drop = coverage(size, px, py, 0.17, inside_droplet)
            shine = coverage(size, px, py, 0.17, inside_highlight)
            rgb = blend(PRODUCT, WHITE, drop)
            rgb = blend(rgb, PRODUCT, shine * drop)
            row += bytes(rgb) + b"\xff"
        rows.append(bytes(row))
    return rows


def outline_icon(size=32):
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            alpha = round(255 * coverage(size, px, py, 0.06, inside_droplet))
            row += bytes(WHITE) + bytes([alpha]) if alpha else b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return rows


def png(rows, size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every scanline
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, not interlaced
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, rows, size in (("color.png", color_icon(192), 192), ("outline.png", outline_icon(32), 32)):
        with open(os.path.join(here, name), "wb") as f:
            f.write(png(rows, size))
        print(f"wrote teams/{name} ({size}x{size})")


if __name__ == "__main__":
    main()
