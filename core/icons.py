"""A neutral site icon in the council's colour (a rounded square), as PNG inside ICO for
/favicon.ico and as SVG: made from the one colour in assets/brand/brand.json, with no
image library."""

import re
import struct
import zlib


def _rgb(colour: str) -> tuple[int, int, int]:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValueError(f"Not a colour like #00625e: {colour!r}")
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _inside(x: int, y: int, size: int, radius: int) -> bool:
    """Whether pixel (x, y) lies in a square of `size` with corners of `radius`."""
    cx = min(max(x + 0.5, radius), size - radius)
    cy = min(max(y + 0.5, radius), size - radius)
    return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= radius**2


def icon_png(colour: str, size: int = 32) -> bytes:
    """A `size` square PNG: the colour with rounded corners, transparent outside them."""
    red, green, blue = _rgb(colour)
    radius = size // 5
    rows = b"".join(
        b"\x00"
        + b"".join(
            bytes((red, green, blue, 255 if _inside(x, y, size, radius) else 0))
            for x in range(size)
        )
        for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def icon_ico(colour: str) -> bytes:
    """The 32-pixel icon as a .ico file (one PNG image, which every current browser
    reads)."""
    png = icon_png(colour, 32)
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", 32, 32, 0, 0, 1, 32, len(png), 6 + 16)
    return directory + entry + png


def icon_svg(colour: str) -> str:
    _rgb(colour)  # only a checked colour goes into the markup
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="6" fill="{colour}"/></svg>'
    )
