"""Draws the demo's Easy Read pictures, one for each force-wide priority of the Avon and
Somerset plan, as flat shapes with Pillow (no stock images). Run it to draw them again:

    .venv/bin/python plans/data/easy_read/draw_pictures.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 400
SCALE = 4  # drawn four times larger, then reduced, for smooth edges

NAVY = (18, 45, 95)
BLUE = (29, 112, 184)
SKY = (210, 228, 244)
GREEN = (0, 112, 60)
PALE_GREEN = (204, 230, 214)
RED = (212, 53, 28)
SKIN = (232, 190, 150)
SKIN_DARK = (150, 100, 70)
GREY = (80, 90, 95)
WHITE = (255, 255, 255)
YELLOW = (255, 221, 0)


def _canvas(background: tuple[int, int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (SIZE * SCALE, SIZE * SCALE), WHITE)
    draw = ImageDraw.Draw(image)
    s = SCALE
    draw.rounded_rectangle((8 * s, 8 * s, 392 * s, 392 * s), radius=40 * s, fill=background)
    return image, draw


def _save(image: Image.Image, name: str) -> None:
    image.resize((SIZE, SIZE), Image.Resampling.LANCZOS).save(HERE / name, "PNG", optimize=True)


def _person(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    height: float,
    body: tuple[int, int, int],
    skin: tuple[int, int, int] = SKIN,
    hat: bool = False,
) -> None:
    """A standing person, feet at (x, y)."""
    s = SCALE
    head = height * 0.14
    draw.ellipse(((x - head) * s, (y - height) * s, (x + head) * s, (y - height + 2 * head) * s), fill=skin)
    if hat:
        draw.rectangle(
            ((x - head * 1.2) * s, (y - height - head * 0.3) * s, (x + head * 1.2) * s, (y - height + head * 0.5) * s),
            fill=NAVY,
        )
        draw.rectangle(
            ((x - head * 1.5) * s, (y - height + head * 0.4) * s, (x + head * 1.5) * s, (y - height + head * 0.65) * s),
            fill=NAVY,
        )
        draw.rectangle(
            (
                (x - head * 0.35) * s,
                (y - height - head * 0.1) * s,
                (x + head * 0.35) * s,
                (y - height + head * 0.35) * s,
            ),
            fill=YELLOW,
        )
    top = y - height + 2.2 * head
    draw.rounded_rectangle(
        ((x - head * 1.6) * s, top * s, (x + head * 1.6) * s, (y - height * 0.38) * s), radius=head * 0.6 * s, fill=body
    )
    draw.rectangle(((x - head * 1.2) * s, (y - height * 0.4) * s, (x - head * 0.15) * s, y * s), fill=GREY)
    draw.rectangle(((x + head * 0.15) * s, (y - height * 0.4) * s, (x + head * 1.2) * s, y * s), fill=GREY)


def protect() -> None:
    """A shield keeping a person safe: protect the most vulnerable from harm."""
    image, draw = _canvas(SKY)
    s = SCALE
    shield = [(200, 60), (320, 100), (310, 230), (200, 340), (90, 230), (80, 100)]
    draw.polygon([(x * s, y * s) for x, y in shield], fill=BLUE)
    inner = [(200, 85), (295, 117), (287, 222), (200, 310), (113, 222), (105, 117)]
    draw.polygon([(x * s, y * s) for x, y in inner], fill=WHITE)
    # A heart above a small person: someone cared for inside the shield.
    draw.ellipse((172 * s, 118 * s, 202 * s, 148 * s), fill=RED)
    draw.ellipse((198 * s, 118 * s, 228 * s, 148 * s), fill=RED)
    draw.polygon([(174 * s, 140 * s), (226 * s, 140 * s), (200 * s, 172 * s)], fill=RED)
    _person(draw, 200, 285, 105, GREEN)
    _save(image, "protect.png")


def local_teams() -> None:
    """Two police officers beside a house: your local policing team."""
    image, draw = _canvas(PALE_GREEN)
    s = SCALE
    draw.rectangle((40 * s, 320 * s, 360 * s, 332 * s), fill=GREY)
    draw.polygon([(210 * s, 170 * s), (285 * s, 105 * s), (360 * s, 170 * s)], fill=RED)
    draw.rectangle((222 * s, 170 * s, 348 * s, 320 * s), fill=(245, 240, 225))
    draw.rectangle((270 * s, 250 * s, 300 * s, 320 * s), fill=NAVY)
    draw.rectangle((236 * s, 190 * s, 264 * s, 222 * s), fill=SKY)
    draw.rectangle((306 * s, 190 * s, 334 * s, 222 * s), fill=SKY)
    _person(draw, 95, 320, 190, NAVY, hat=True)
    _person(draw, 170, 320, 175, NAVY, skin=SKIN_DARK, hat=True)
    _save(image, "local_teams.png")


def people_and_equipment() -> None:
    """An officer with a radio and a laptop: the right people, equipment and culture."""
    image, draw = _canvas(SKY)
    s = SCALE
    _person(draw, 130, 340, 240, NAVY, hat=True)
    # A radio on the officer's chest.
    draw.rounded_rectangle((142 * s, 170 * s, 160 * s, 205 * s), radius=3 * s, fill=(30, 30, 30))
    draw.rectangle((150 * s, 155 * s, 154 * s, 172 * s), fill=(30, 30, 30))
    # A laptop on a desk.
    draw.rectangle((200 * s, 262 * s, 370 * s, 276 * s), fill=(120, 80, 50))
    draw.rectangle((225 * s, 178 * s, 345 * s, 252 * s), fill=(40, 40, 40))
    draw.rectangle((233 * s, 186 * s, 337 * s, 244 * s), fill=BLUE)
    draw.polygon([(215 * s, 252 * s), (355 * s, 252 * s), (365 * s, 262 * s), (205 * s, 262 * s)], fill=GREY)
    # A tick on the screen: things that work.
    draw.line([(262 * s, 216 * s), (280 * s, 232 * s), (312 * s, 198 * s)], fill=WHITE, width=9 * s)
    _save(image, "people_and_equipment.png")


def together() -> None:
    """A police officer and a partner joining hands: working together with partners."""
    image, draw = _canvas(PALE_GREEN)
    s = SCALE
    _person(draw, 120, 330, 220, NAVY, hat=True)
    _person(draw, 280, 330, 210, GREEN, skin=SKIN_DARK)
    # Arms meeting in a handshake between them.
    draw.line([(140 * s, 200 * s), (200 * s, 225 * s)], fill=NAVY, width=18 * s)
    draw.line([(260 * s, 205 * s), (200 * s, 225 * s)], fill=GREEN, width=18 * s)
    draw.ellipse((184 * s, 208 * s, 216 * s, 240 * s), fill=SKIN)
    # Three linked rings above them: organisations joined up.
    for cx, colour in ((160, BLUE), (200, RED), (240, GREEN)):
        draw.ellipse(((cx - 26) * s, 40 * s, (cx + 26) * s, 92 * s), outline=colour, width=8 * s)
    _save(image, "together.png")


if __name__ == "__main__":
    protect()
    local_teams()
    people_and_equipment()
    together()
