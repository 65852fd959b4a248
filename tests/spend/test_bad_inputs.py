"""A folder of hostile and broken inputs: each is rejected with its name and reason, the rest is read."""

from __future__ import annotations

import io
import resource
import shutil
import struct
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from emprise.spend.readers import read_paths

FIXTURES = Path(__file__).parents[1] / "fixtures" / "einvoices"
GOOD_XML = FIXTURES / "it" / "ubl" / "scaleway-2026-01.xml"
GOOD_PDF = FIXTURES / "it" / "facturx" / "ovhcloud-2026-01.pdf"

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:ID>&secret;</cbc:ID></Invoice>"""
LAUGHS = b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
) + b"]>\n<lolz>&lol9;</lolz>"


def _pdf(attachments: dict[str, bytes] | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, content in (attachments or {}).items():
        writer.add_attachment(name, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_bomb(path: Path, size: int) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(block)


def _lying_zip(path: Path) -> None:
    """A member whose directory entries claim 1,000 bytes for 70 MB of content."""
    _zip_bomb(path, 70 << 20)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        if data[at + offset:at + offset + 4] != b"\xff\xff\xff\xff":
            data[at + offset:at + offset + 4] = struct.pack("<I", 1000)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copy(GOOD_XML, folder / "good.xml")
    shutil.copy(GOOD_PDF, folder / "good.pdf")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (folder / "no-xml.pdf").write_bytes(_pdf())
    (folder / "xxe.xml").write_bytes(XXE)
    (folder / "billion-laughs.xml").write_bytes(LAUGHS)
    (folder / "xxe-inside.pdf").write_bytes(_pdf({"factur-x.xml": XXE}))
    (folder / "notes.txt").write_text("hello\n")
    (folder / "truncated.xml").write_bytes(GOOD_XML.read_bytes()[:700])
    with open(folder / "huge.pdf", "wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.write(b"%PDF-1.7\n")
        handle.seek(200 * 1024 * 1024)
        handle.write(b"\n%%EOF\n")
    _zip_bomb(folder / "bomb.zip", 100 << 20)
    _lying_zip(folder / "lying.zip")
    with zipfile.ZipFile(folder / "mixed.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(GOOD_XML, "invoices/scaleway.xml")
        archive.writestr("invoices/xxe.xml", XXE)
        archive.writestr("nested.zip", (folder / "lying.zip").read_bytes())
    return folder


@pytest.mark.slow
def test_each_bad_input_is_rejected_by_name_and_the_rest_is_read(hostile):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = read_paths([hostile], jobs=1)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    prefix = len(str(hostile)) + 1
    reasons = {r.locator.file[prefix:]: r.reason for r in outcome.rejections}
    assert sorted(i.file[prefix:] for i in outcome.invoices) == [
        "good.pdf", "good.xml", "mixed.zip!invoices/scaleway.xml"]
    assert "not a readable PDF" in reasons["corrupt.pdf"]
    assert "without embedded invoice XML" in reasons["no-xml.pdf"]
    assert "DTD" in reasons["xxe.xml"]
    assert "DTD" in reasons["billion-laughs.xml"]
    assert "factur-x.xml" in reasons["xxe-inside.pdf"] and "DTD" in reasons["xxe-inside.pdf"]
    assert "not an e-invoice" in reasons["notes.txt"]
    assert "not well-formed" in reasons["truncated.xml"]
    assert "over the" in reasons["huge.pdf"]
    assert "limit" in reasons["bomb.zip!bomb.xml"]
    assert "cannot be read" in reasons["lying.zip!bomb.xml"]
    assert "DTD" in reasons["mixed.zip!invoices/xxe.xml"]
    assert "nested archive" in reasons["mixed.zip!nested.zip"]
    assert len(outcome.rejections) == 12
    assert grown_mb < 150, f"reading the hostile folder grew the peak memory by {grown_mb:.0f} MB"


def test_rejections_never_name_an_internal_error(hostile):
    outcome = read_paths([hostile / "xxe.xml", hostile / "corrupt.pdf", hostile / "missing.xml"], jobs=1)
    assert [r.locator.file.split("/")[-1] for r in outcome.rejections] == ["missing.xml", "xxe.xml", "corrupt.pdf"]
    assert all("internal error" not in r.reason for r in outcome.rejections)
