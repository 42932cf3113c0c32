"""Every write of pengawasan. The periodic jobs (agregat, peringatan, anomali, profil, sampel) fill pengawasan's
own tables; the user-facing writes are the warning actions, the policy and the best-practice notes."""

from kinerja.pengawasan.services.agregat import agregat_refresh  # noqa: F401
from kinerja.pengawasan.services.anomali import anomali_deteksi  # noqa: F401
from kinerja.pengawasan.services.catatan import catatan_inspektorat_create  # noqa: F401
from kinerja.pengawasan.services.kebijakan import ambang_for, kebijakan_pengawasan_update  # noqa: F401
from kinerja.pengawasan.services.peringatan import (  # noqa: F401
    boleh_tindak,
    peringatan_acknowledge,
    peringatan_generate,
    peringatan_resolve,
)
from kinerja.pengawasan.services.profil import (  # noqa: F401
    boleh_tulis_praktik,
    praktik_baik_create,
    praktik_baik_withdraw,
    profil_refresh,
    teladan_refresh,
)
from kinerja.pengawasan.services.sampel import sampel_buat  # noqa: F401
