"""Images staff put into the plan's text: checked, re-encoded and stored under a random
name in the plans' image folder, the only place the sanitiser lets an `<img>` point to.

Re-encoding with Pillow keeps only the pixels: a photograph's EXIF data (its location,
the camera's owner) is not copied, and a file that only pretends to be an image fails.
"""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from .richtext import IMAGE_FOLDER

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Beyond this a picture is a decompression bomb or far larger than any page needs.
MAX_PIXELS = 40_000_000
# Wider pictures are scaled down: an A4 page at 300 dpi is about 2,500 pixels across.
MAX_WIDTH = 2400
UPLOAD_FORMATS = ("PNG", "JPEG", "WEBP")


class ImageRefusedError(ValueError):
    """The upload is not an image pcplan takes; the message says why, for the uploader."""


@dataclass(frozen=True)
class StoredImage:
    uid: str
    src: str


def store_image(data: bytes, extension: str) -> StoredImage:
    """Store already-checked image bytes under a new random name; its address for `src`."""
    uid = str(uuid.uuid4())
    name = default_storage.save(f"{IMAGE_FOLDER}{uid}.{extension}", ContentFile(data))
    return StoredImage(uid=uid, src="/" + settings.MEDIA_URL.strip("/") + "/" + name)


def reencode_upload(data: bytes) -> tuple[bytes, str]:
    """A PNG, JPEG or WebP upload re-encoded without its metadata, turned upright, and
    scaled to at most MAX_WIDTH pixels across: (bytes, extension). WebP becomes PNG (with
    transparency) or JPEG, which every PDF reader shows."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRefusedError("The image must be smaller than 10 MB.")
    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format or ""
            if kind not in UPLOAD_FORMATS:
                raise ImageRefusedError("The image must be a PNG, JPEG or WebP file.")
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ImageRefusedError(
                    f"The image is too large ({width:,} by {height:,} pixels): save it smaller, for example "
                    f"{MAX_WIDTH:,} pixels wide."
                )
            picture.load()
            upright = ImageOps.exif_transpose(picture)
            if upright.width > MAX_WIDTH:
                upright = upright.resize((MAX_WIDTH, round(upright.height * MAX_WIDTH / upright.width)))
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            out = io.BytesIO()
            if kind == "PNG" or (kind == "WEBP" and has_alpha):
                upright.save(out, "PNG", optimize=True)
                return out.getvalue(), "png"
            upright.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
            return out.getvalue(), "jpg"
    except ImageRefusedError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise ImageRefusedError("The file is not an image pcplan can read: upload a PNG, JPEG or WebP file.") from None


def store_upload(data: bytes) -> StoredImage:
    """An upload re-encoded (`reencode_upload`, which raises ImageRefusedError with the
    reason) and stored under a new name."""
    return store_image(*reencode_upload(data))
