"""Draws the demo's cover image (cover.png beside this file): an evening sky over the
Avon Gorge, its suspension bridge, and the Mendip Hills behind. Made with Pillow so the
demo ships a picture of its own, with nothing downloaded.

    .venv/bin/python publishing/demo_assets/draw_cover.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1600, 800


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def draw() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    for y in range(HEIGHT):  # sky: deep blue to a warm horizon
        pen.line([(0, y), (WIDTH, y)], fill=_mix((20, 50, 92), (240, 176, 110), min(1, y / (HEIGHT * 0.62))))
    pen.ellipse([1120, 300, 1240, 420], fill=(252, 222, 160))  # the setting sun
    far = [(0, 470), (200, 430), (420, 455), (640, 410), (900, 440), (1150, 400), (1400, 430), (1600, 415)]
    pen.polygon([*far, (1600, 800), (0, 800)], fill=(92, 104, 140))  # the Mendips, far off
    near = [(0, 540), (260, 500), (520, 560), (760, 520), (1000, 575), (1300, 520), (1600, 560)]
    pen.polygon([*near, (1600, 800), (0, 800)], fill=(52, 74, 88))
    # The gorge: two cliffs, the river between.
    pen.polygon([(0, 520), (430, 500), (560, 800), (0, 800)], fill=(38, 52, 60))
    pen.polygon([(1600, 510), (1120, 500), (1010, 800), (1600, 800)], fill=(38, 52, 60))
    pen.polygon([(560, 800), (640, 700), (940, 700), (1010, 800)], fill=(70, 110, 140))
    # The bridge: two towers, the chains, the deck and its hangers.
    deck_y, left, right = 520.0, 470.0, 1100.0
    for x in (left, right):
        pen.rectangle([x - 18, 400, x + 18, deck_y + 30], fill=(226, 214, 190))
        pen.rectangle([x - 8, 430, x + 8, 480], fill=(120, 110, 100))
    pen.line([(left - 18, deck_y), (right + 18, deck_y)], fill=(60, 60, 66), width=10)
    chain = [(left + (right - left) * i / 40, 410 + 100 * (1 - (2 * i / 40 - 1) ** 2)) for i in range(41)]
    pen.line(chain, fill=(40, 40, 46), width=5)
    for hanger_x, hanger_y in chain[2:-2:2]:
        pen.line([(hanger_x, hanger_y), (hanger_x, deck_y)], fill=(40, 40, 46), width=2)
    return image


if __name__ == "__main__":
    draw().save(Path(__file__).with_name("cover.png"), optimize=True)
