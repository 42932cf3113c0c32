"""PWA plumbing of the phone app: the service worker (served from /laporan/ so its scope is the app), the web app
manifest and its icons (drawn with Pillow, nothing committed), and — only when KINERJA_BENCH_FLOOR=1 — the bare
insert view the ingest bench uses as its floor."""

from __future__ import annotations

import hashlib
import io
import json
import os
from functools import cache
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

STATIC = Path(__file__).resolve().parent / "static" / "laporan"
THEME = "#0b5d3b"


@cache
def _sw_source() -> str:
    source = (STATIC / "sw.js").read_text(encoding="utf-8")
    digest = hashlib.sha256()
    for name in ("sw.js", "pwa.js", "laporan.css"):
        digest.update((STATIC / name).read_bytes())
    return source.replace("__VERSI__", digest.hexdigest()[:12])


@login_not_required
@cache_control(no_cache=True, max_age=0)
def service_worker(request):
    response = HttpResponse(_sw_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("laporan:beranda")
    return response


@login_not_required
@cache_control(public=True, max_age=3600)
def manifest(request):
    start = reverse("laporan:beranda")
    data = {
        "name": "Kinerja Bukitintan — Laporan Harian",
        "short_name": "Laporan Kinerja",
        "description": "Isi laporan harian kinerja, juga saat tidak ada sinyal.",
        "lang": "id",
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f5f7f6",
        "theme_color": THEME,
        "icons": [
            {"src": reverse("laporan:ikon", args=[192]), "sizes": "192x192", "type": "image/png"},
            {"src": reverse("laporan:ikon", args=[512]), "sizes": "512x512", "type": "image/png"},
            {"src": reverse("laporan:ikon", args=[512]), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
    }
    return HttpResponse(json.dumps(data), content_type="application/manifest+json")


@cache
def _icon_png(size: int) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), THEME)
    draw = ImageDraw.Draw(img)
    s = size / 100
    draw.rounded_rectangle([22 * s, 18 * s, 78 * s, 84 * s], radius=6 * s, fill="#ffffff")
    for i, y in enumerate((34, 46, 58)):
        draw.rectangle([30 * s, y * s, (70 if i < 2 else 56) * s, (y + 4) * s], fill="#9db8aa")
    draw.line([(54 * s, 72 * s), (62 * s, 80 * s), (80 * s, 60 * s)], fill="#ffd23f", width=max(2, int(7 * s)))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


@login_not_required
@cache_control(public=True, max_age=86400)
def ikon(request, size: int):
    if size not in (192, 512):
        raise Http404
    return HttpResponse(_icon_png(size), content_type="image/png")


# --- the bench floor: a bare insert of the same row, enabled only for bench/ingest -----------------------------------
def bench_floor_enabled() -> bool:
    return os.environ.get("KINERJA_BENCH_FLOOR") == "1"


@login_not_required
@csrf_exempt
@require_POST
def bench_floor(request):
    """No authentication, no validation, no audit: parse the JSON and insert one LaporanHarian row. Only routed when
    KINERJA_BENCH_FLOOR=1 (bench/ingest); the figure the full API is compared against."""
    import datetime as dt
    import uuid

    from django.utils import timezone

    from kinerja.laporan.models import LaporanHarian

    if not bench_floor_enabled():  # pragma: no cover - not routed otherwise
        raise Http404
    d = json.loads(request.body)
    mulai, selesai = dt.time.fromisoformat(d["jam_mulai"]), dt.time.fromisoformat(d["jam_selesai"])
    row = LaporanHarian(
        instansi_id=d["instansi_id"], pegawai_id=d["pegawai_id"], skp_id=d["skp_id"], rhk_id=d["rhk_id"],
        indikator_id=d.get("indikator_id"), tanggal=dt.date.fromisoformat(d["tanggal"]), jam_mulai=mulai,
        jam_selesai=selesai, durasi_menit=(selesai.hour * 60 + selesai.minute) - (mulai.hour * 60 + mulai.minute),
        uraian=d["uraian"], output_jumlah=d["output_jumlah"], output_satuan=d["output_satuan"],
        status="diajukan", diajukan_pada=timezone.now(), idempotency_key=uuid.uuid4(),
    )
    LaporanHarian.objects.bulk_create([row])
    return JsonResponse({"id": row.pk}, status=201)
