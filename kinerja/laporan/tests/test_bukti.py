"""Evidence (bukti dukung): accepted kinds sniffed from content, size limit from the instansi policy, images
re-encoded and thumbnailed, the hash kept, idempotent uploads, and the bad inputs the issue names."""

import io
import uuid
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden, InvalidState, NotFound
from kinerja.laporan import rules, services
from kinerja.laporan.models import BuktiDukung
from kinerja.laporan.tests.factories import make_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def jpeg(size=(2400, 1800), color=(200, 50, 50)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def office(folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr(f"{folder}/document.xml", "<x/>")
    return buf.getvalue()


def add(dunia, laporan, data: bytes, name="bukti.bin", who="staff_1", **kw):
    return services.bukti_dukung_add(actor=fresh(getattr(dunia, who).user), laporan=laporan,
                                     upload=SimpleUploadedFile(name, data), **kw)


def refused(fn, code, message=None):
    with pytest.raises(ApplicationError) as exc:
        fn()
    assert exc.value.code == code and 400 <= exc.value.status < 500
    if message:
        assert exc.value.message == message
    assert exc.value.detail.get("berkas")
    return exc.value


@pytest.fixture
def laporan(dunia):
    return make_laporan(dunia, ajukan=False)


def test_photo_is_reencoded_thumbnailed_and_hashed(dunia, laporan):
    import hashlib

    data = jpeg()
    bukti, created = add(dunia, laporan, data, "foto kegiatan.jpg")
    assert created and bukti.jenis == "jpeg" and bukti.mime == "image/jpeg"
    assert bukti.sha256 == hashlib.sha256(data).hexdigest()  # of the original: reuse is detectable
    assert bukti.nama_asli == "foto kegiatan.jpg" and "foto" not in bukti.berkas.name
    with Image.open(bukti.berkas.open("rb")) as img:
        assert max(img.size) == 1600
    with Image.open(bukti.thumbnail.open("rb")) as thumb:
        assert max(thumb.size) == 320
    assert bukti.berkas.name.startswith(f"laporan/bukti/{dunia.instansi.pk}/")


@pytest.mark.parametrize(("data", "kind"), [(b"%PDF-1.7\n%...", "pdf"), (office("word"), "docx"),
                                            (office("xl"), "xlsx")])
def test_documents_are_accepted_by_content(dunia, laporan, data, kind):
    bukti, _ = add(dunia, laporan, data, "nama-apa-saja.bin")
    assert bukti.jenis == kind and not bukti.thumbnail


def test_same_file_on_two_reports_has_the_same_hash(dunia, laporan):
    other = make_laporan(dunia, ajukan=False, jam_mulai="13:00", jam_selesai="14:00")
    data = jpeg(color=(10, 20, 30))
    a, _ = add(dunia, laporan, data, "a.jpg")
    b, _ = add(dunia, other, data, "b.jpg")
    assert a.sha256 == b.sha256 and BuktiDukung.objects.filter(sha256=a.sha256).count() == 2


def test_a_50_mb_file(dunia, laporan):
    big = b"%PDF-1.7\n" + b"0" * (50 * MB)
    exc = refused(lambda: add(dunia, laporan, big, "besar.pdf"), ErrorCode.TOO_LARGE, "Berkas terlalu besar (maksimal 10 MB).")
    assert exc.status == 413
    assert not BuktiDukung.objects.exists()


def test_the_size_limit_is_the_instansi_policy(dunia, laporan):
    services.kebijakan_laporan_update(actor=fresh(dunia.admin.user), maks_ukuran_bukti_mb=1)
    refused(lambda: add(dunia, laporan, b"%PDF-1.7\n" + b"0" * (2 * MB)), ErrorCode.TOO_LARGE,
            "Berkas terlalu besar (maksimal 1 MB).")


@pytest.mark.parametrize(("data", "name"), [
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 500, "laporan.pdf"),  # an .exe renamed .pdf
    (b"<html><body><script>alert(document.cookie)</script></body></html>", "laporan.html"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>', "foto.svg"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "foto.jpg"),
    (b"PK\x03\x04 not a real office file", "data.xlsx"),
])
def test_dangerous_or_unknown_content_is_refused(dunia, laporan, data, name):
    exc = refused(lambda: add(dunia, laporan, data, name), ErrorCode.UNSUPPORTED)
    assert exc.status == 415 and "Jenis berkas tidak diterima" in exc.message
    assert not BuktiDukung.objects.exists()


def test_a_path_traversal_name_is_refused(dunia, laporan):
    refused(lambda: add(dunia, laporan, jpeg(), "passwd", nama_tidak_aman=True), ErrorCode.VALIDATION,
            rules.MSG_NAMA_BERKAS)
    assert not BuktiDukung.objects.exists()


def test_nothing_already_saved_is_lost_by_a_refused_upload(dunia, laporan):
    ok, _ = add(dunia, laporan, jpeg(), "baik.jpg")
    refused(lambda: add(dunia, laporan, b"MZ" + b"\x00" * 100, "jahat.pdf"), ErrorCode.UNSUPPORTED)
    assert list(BuktiDukung.objects.values_list("pk", flat=True)) == [ok.pk]
    assert ok.berkas.storage.exists(ok.berkas.name)


def test_idempotent_upload(dunia, laporan):
    key = uuid.uuid4()
    a, created = add(dunia, laporan, jpeg(), "a.jpg", idempotency_key=key)
    b, created_again = add(dunia, laporan, jpeg(color=(1, 2, 3)), "b.jpg", idempotency_key=key)
    assert created and not created_again and a.pk == b.pk and BuktiDukung.objects.count() == 1


def test_at_most_n_files_per_report(dunia, laporan):
    services.kebijakan_laporan_update(actor=fresh(dunia.admin.user), maks_bukti_per_laporan=2)
    add(dunia, laporan, b"%PDF-1.4 a")
    add(dunia, laporan, b"%PDF-1.4 b")
    refused(lambda: add(dunia, laporan, b"%PDF-1.4 c"), ErrorCode.VALIDATION, rules.MSG_BUKTI_PENUH.format(n=2))


def test_no_evidence_changes_after_approval(dunia):
    laporan = make_laporan(dunia)
    bukti, _ = add(dunia, laporan, b"%PDF-1.4 a")
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    with pytest.raises(InvalidState):
        add(dunia, laporan, b"%PDF-1.4 b")
    with pytest.raises(InvalidState):
        services.bukti_dukung_delete(actor=fresh(dunia.staff_1.user), bukti=bukti)
    assert BuktiDukung.objects.count() == 1


def test_only_the_owner_adds_or_removes(dunia, laporan):
    with pytest.raises(Forbidden):
        add(dunia, laporan, b"%PDF-1.4 a", who="kasi")
    with pytest.raises(NotFound):
        add(dunia, laporan, b"%PDF-1.4 a", who="staff_2")
    bukti, _ = add(dunia, laporan, b"%PDF-1.4 a")
    with pytest.raises(NotFound):
        services.bukti_dukung_delete(actor=fresh(dunia.staff_pupr.user), bukti=bukti)
    services.bukti_dukung_delete(actor=fresh(dunia.staff_1.user), bukti=bukti)
    assert not BuktiDukung.objects.exists()


def test_new_evidence_on_an_opened_report_must_be_opened_again(dunia):
    laporan = make_laporan(dunia)
    services.laporan_harian_mark_opened(actor=fresh(dunia.kasi.user), laporan=laporan)
    add(dunia, laporan, b"%PDF-1.4 baru")
    laporan.refresh_from_db()
    assert laporan.dibuka_penilai_pada is None


def test_deleting_a_draft_removes_its_files(dunia, laporan, django_capture_on_commit_callbacks):
    bukti, _ = add(dunia, laporan, jpeg(), "a.jpg")
    storage, names = bukti.berkas.storage, [bukti.berkas.name, bukti.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_harian_delete(actor=fresh(dunia.staff_1.user), laporan=laporan)
    assert not any(storage.exists(n) for n in names)
    assert not BuktiDukung.objects.exists()
