"""Draws the demo's District pictures, one landscape for each of Avon and Somerset's nine
Districts, as flat shapes with Pillow (no stock images or photographs). Run it to draw
them again:

    .venv/bin/python plans/data/districts/draw_pictures.py
"""

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
W, H = 600, 300
S = 3  # drawn three times larger, then reduced, for smooth edges

SKY = (198, 225, 245)
SEA = (70, 130, 180)
GREEN = (96, 153, 90)
DARK_GREEN = (60, 110, 62)
FIELD = (160, 196, 110)
STONE = (226, 205, 160)
GREY = (90, 96, 100)
RED = (190, 70, 50)
WHITE = (255, 255, 255)

Draw = ImageDraw.ImageDraw


def _p(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x * S, y * S) for x, y in points]


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    return (x0 * S, y0 * S, x1 * S, y1 * S)


def _hills(draw: Draw, base: float, colour: tuple[int, int, int], amplitude: float, phase: float) -> None:
    points = [(x, base - amplitude * (1 + math.sin(x / 70 + phase)) / 2) for x in range(0, W + 10, 10)]
    draw.polygon(_p([(0, H), *points, (W, H)]), fill=colour)


def _house(draw: Draw, x: float, y: float, size: float) -> None:
    draw.rectangle(_box(x, y - size, x + size, y), fill=STONE)
    draw.polygon(_p([(x - 3, y - size), (x + size / 2, y - size * 1.6), (x + size + 3, y - size)]), fill=RED)


def bristol(draw: Draw) -> None:
    """A suspension bridge over a gorge."""
    draw.polygon(_p([(0, 120), (150, 140), (200, 300), (0, 300)]), fill=DARK_GREEN)
    draw.polygon(_p([(600, 120), (450, 140), (400, 300), (600, 300)]), fill=DARK_GREEN)
    draw.rectangle(_box(200, 270, 400, 300), fill=SEA)
    for x in (150, 450):
        draw.rectangle(_box(x - 12, 60, x + 12, 140), fill=STONE)
    draw.line(_p([(150, 135), (450, 135)]), fill=GREY, width=6 * S)
    curve = [(x, 65 + 65 * ((x - 300) / 150) ** 2 * -1 + 65) for x in range(150, 451, 10)]
    draw.line(_p(curve), fill=GREY, width=3 * S)
    for x in range(170, 440, 20):
        top = 65 + 65 - 65 * ((x - 300) / 150) ** 2
        draw.line(_p([(x, top), (x, 135)]), fill=GREY, width=S)


def bath(draw: Draw) -> None:
    """A terrace of stone houses with arched windows."""
    _hills(draw, 200, GREEN, 60, 0.5)
    draw.rectangle(_box(40, 120, 560, 260), fill=STONE)
    for x in range(60, 540, 40):
        draw.rounded_rectangle(_box(x, 140, x + 20, 175), radius=10 * S, fill=GREY)
        draw.rectangle(_box(x, 195, x + 20, 230), fill=GREY)
    draw.rectangle(_box(0, 260, W, H), fill=FIELD)


def north_somerset(draw: Draw) -> None:
    """A pier out to sea."""
    draw.rectangle(_box(0, 170, W, H), fill=SEA)
    draw.polygon(_p([(0, 170), (0, 300), (120, 300), (60, 170)]), fill=STONE)
    draw.rectangle(_box(60, 185, 520, 195), fill=GREY)
    for x in range(80, 520, 30):
        draw.line(_p([(x, 195), (x, 240)]), fill=GREY, width=3 * S)
    draw.rectangle(_box(480, 150, 560, 185), fill=WHITE)
    draw.polygon(_p([(475, 150), (520, 120), (565, 150)]), fill=RED)


def south_gloucestershire(draw: Draw) -> None:
    """Fields and a village of houses."""
    _hills(draw, 190, GREEN, 40, 1.5)
    draw.rectangle(_box(0, 230, W, H), fill=FIELD)
    for x in (120, 170, 220, 300, 350):
        _house(draw, x, 230, 35)


def mendip(draw: Draw) -> None:
    """A steep hill with a tower on its top (Glastonbury Tor)."""
    draw.rectangle(_box(0, 230, W, H), fill=FIELD)
    draw.polygon(_p([(120, 240), (250, 110), (300, 95), (350, 110), (480, 240)]), fill=GREEN)
    draw.rectangle(_box(288, 45, 312, 100), fill=STONE)
    draw.polygon(_p([(284, 45), (300, 30), (316, 45)]), fill=STONE)


def sedgemoor(draw: Draw) -> None:
    """Flat levels with a river and willow trees."""
    draw.rectangle(_box(0, 180, W, H), fill=FIELD)
    draw.polygon(_p([(0, 240), (600, 210), (600, 225), (0, 260)]), fill=SEA)
    for x in (90, 200, 330, 460):
        draw.rectangle(_box(x - 4, 160, x + 4, 200), fill=(110, 80, 50))
        draw.ellipse(_box(x - 30, 120, x + 30, 170), fill=DARK_GREEN)


def south_somerset(draw: Draw) -> None:
    """Rolling hills and a church spire."""
    _hills(draw, 170, GREEN, 50, 0.0)
    _hills(draw, 230, FIELD, 40, 2.0)
    draw.rectangle(_box(400, 140, 430, 200), fill=STONE)
    draw.polygon(_p([(398, 140), (415, 80), (432, 140)]), fill=STONE)


def taunton_deane(draw: Draw) -> None:
    """A tall church tower above the town."""
    draw.rectangle(_box(0, 240, W, H), fill=FIELD)
    draw.rectangle(_box(270, 60, 330, 240), fill=STONE)
    for x in range(268, 334, 13):
        draw.rectangle(_box(x, 48, x + 6, 60), fill=STONE)
    draw.rounded_rectangle(_box(288, 90, 312, 130), radius=12 * S, fill=GREY)
    for x in (120, 170, 400, 450):
        _house(draw, x, 240, 40)


def west_somerset(draw: Draw) -> None:
    """Hills coming down to the sea, and a harbour light."""
    draw.rectangle(_box(0, 200, W, H), fill=SEA)
    draw.polygon(_p([(0, 200), (0, 80), (150, 110), (300, 150), (380, 200)]), fill=DARK_GREEN)
    draw.rectangle(_box(470, 150, 490, 200), fill=WHITE)
    draw.polygon(_p([(466, 150), (480, 130), (494, 150)]), fill=RED)


PICTURES: dict[str, tuple[Callable[[Draw], None], str]] = {
    "bristol": (bristol, "A suspension bridge high over a wooded gorge and a river"),
    "bath-and-north-east-somerset": (bath, "A terrace of honey-coloured stone houses with arched windows"),
    "north-somerset": (north_somerset, "A long seaside pier reaching out into the sea"),
    "south-gloucestershire": (south_gloucestershire, "A village of houses among green fields"),
    "mendip": (mendip, "A steep green hill with a stone tower on its top"),
    "sedgemoor": (sedgemoor, "Flat green levels with a river and willow trees"),
    "south-somerset": (south_somerset, "Rolling green hills and a village church spire"),
    "taunton-deane": (taunton_deane, "A tall stone church tower above the houses of a town"),
    "west-somerset": (west_somerset, "Green hills coming down to the sea, with a harbour light"),
}


def draw_all() -> None:
    for slug, (drawing, _alt) in PICTURES.items():
        image = Image.new("RGB", (W * S, H * S), SKY)
        drawing(ImageDraw.Draw(image))
        image.resize((W, H), Image.Resampling.LANCZOS).save(HERE / f"{slug}.png", "PNG", optimize=True)


if __name__ == "__main__":
    draw_all()
