"""The frozen source of a rendered document: the exact print HTML WeasyPrint was given,
every file it drew on (stylesheets, fonts, images), and the HTML of the document's web
page, made from the same context at the same moment.

A render stores this beside its PDF, so publishing a version freezes, with the PDF, what
it was made from: the public web page of a published document is served from it (never
built again from live data), and `manage.py verify_publication` renders it again and
checks that the PDF comes out with the published sha256 (WeasyPrint writes the same bytes
for the same HTML and files).

Reading a snapshot needs no WeasyPrint (a web process serves its page); collecting its
assets and rendering it again are in `publishing/pdf.py`.

The bundle is a zip: `document.html`, `web.html`, `manifest.json` (title, office, base URL
and each asset's URL, content type and member name) and `assets/<sha256>`.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
# Zip members carry a date; a fixed one makes the same snapshot the same bytes.
_ZIP_DATE = (2016, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Asset:
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Snapshot:
    html: str
    web_html: str
    title: str
    office: str
    base_url: str
    assets: dict[str, Asset] = field(repr=False)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "title": self.title,
            "office": self.office,
            "base_url": self.base_url,
            "assets": {},
        }
        members = {"document.html": self.html.encode(), "web.html": self.web_html.encode()}
        for url, asset in sorted(self.assets.items()):
            name = "assets/" + hashlib.sha256(asset.data).hexdigest()
            manifest["assets"][url] = {"content_type": asset.content_type, "member": name}
            members[name] = asset.data
        members["manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, data in members.items():
                bundle.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Snapshot":
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            manifest = json.loads(bundle.read("manifest.json"))
            assets = {
                url: Asset(content_type=entry["content_type"], data=bundle.read(entry["member"]))
                for url, entry in manifest["assets"].items()
            }
            return cls(
                html=bundle.read("document.html").decode(),
                web_html=bundle.read("web.html").decode(),
                title=manifest["title"],
                office=manifest["office"],
                base_url=manifest["base_url"],
                assets=assets,
            )


@dataclass(frozen=True)
class FrozenPage:
    """What a published document's web page shows of its frozen source."""

    title: str
    office: str
    web_html: str


def read_frozen_page(file: Any) -> FrozenPage:
    """The web page part of a snapshot, from an open (seekable) file, without reading the
    print HTML or the assets."""
    with zipfile.ZipFile(file) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        return FrozenPage(title=manifest["title"], office=manifest["office"], web_html=bundle.read("web.html").decode())
