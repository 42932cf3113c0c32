import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kinerja.core import excel, files, pdf, qr
from kinerja.core.exceptions import ApplicationError, ErrorCode

MB = 1024 * 1024


def jpeg_bytes(size=(2400, 1800)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 50, 50)).save(buf, "JPEG")
    return buf.getvalue()


def office_bytes(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(f"{folder}/document.xml", "<x/>")
    return buf.getvalue()


def test_images_are_reencoded_resized_and_thumbnailed():
    clean = files.validate_upload(SimpleUploadedFile("foto.jpg", jpeg_bytes()), max_bytes=5 * MB)
    assert clean.kind == "jpeg" and clean.mime == "image/jpeg"
    with Image.open(io.BytesIO(clean.content.read())) as img:
        assert max(img.size) == files.IMAGE_MAX_SIDE
    with Image.open(io.BytesIO(clean.thumbnail.read())) as thumb:
        assert max(thumb.size) == files.THUMB_SIDE
    assert clean.content.name.endswith(".jpg") and "foto" not in clean.content.name


@pytest.mark.parametrize(("payload", "kind"), [(b"%PDF-1.7\n...", "pdf"), (office_bytes("word"), "docx"),
                                               (office_bytes("xl"), "xlsx")])
def test_documents_are_sniffed_from_content(payload, kind):
    assert files.validate_upload(SimpleUploadedFile("nama-apa-saja.bin", payload), max_bytes=MB).kind == kind


@pytest.mark.parametrize("payload", [
    b"MZ\x90\x00" + b"\x00" * 200,  # an .exe renamed .pdf
    b"<html><script>alert(1)</script></html>",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"PK\x03\x04not really a zip",
])
def test_dangerous_or_unknown_content_is_refused(payload):
    with pytest.raises(ApplicationError) as exc:
        files.validate_upload(SimpleUploadedFile("laporan.pdf", payload), max_bytes=MB)
    assert exc.value.code == ErrorCode.UNSUPPORTED and "Jenis berkas tidak diterima" in exc.value.message


def test_size_limit():
    with pytest.raises(ApplicationError) as exc:
        files.validate_upload(SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (2 * MB)), max_bytes=MB)
    assert exc.value.code == ErrorCode.TOO_LARGE


def test_broken_image_is_refused():
    with pytest.raises(ApplicationError, match="Foto tidak dapat dibaca"):
        files.validate_upload(SimpleUploadedFile("rusak.jpg", b"\xff\xd8\xff\xe0garbage"), max_bytes=MB)


def test_allowed_kinds_are_respected():
    with pytest.raises(ApplicationError):
        files.validate_upload(SimpleUploadedFile("x.pdf", b"%PDF-1.4"), allowed=files.IMAGE_KINDS, max_bytes=MB)


def test_same_content_same_hash():
    a = files.validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 abc"), max_bytes=MB)
    b = files.validate_upload(SimpleUploadedFile("b.pdf", b"%PDF-1.4 abc"), max_bytes=MB)
    assert a.sha256 == b.sha256


@pytest.mark.parametrize(("name", "expected"), [("../../etc/passwd", "passwd"), ("C:\\x\\foto 1.jpg", "foto 1.jpg"),
                                                ("<script>.pdf", "script_.pdf"), ("", "berkas")])
def test_safe_name(name, expected):
    assert files.safe_name(name) == expected


def test_excel_neutralises_formulas():
    import openpyxl

    data = excel.workbook_bytes([("Data", ["a"], [["=HYPERLINK(\"x\")"], ["biasa"]])])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value.startswith("'=") and ws["A3"].value == "biasa"


def test_qr_svg():
    assert qr.qr_svg("https://kinerja.bukitintan.go.id/p/ABC").startswith("<svg")


@pytest.mark.django_db
def test_pdf_renders(tmp_path):
    from django.template import engines

    engines["django"]  # noqa: B018 - make sure templates are configured
    data = pdf.render_pdf("core/pdf_test.html", {"judul": "Uji PDF"})
    assert data.startswith(b"%PDF-")
