"""Every write of penilaian: permission first, then state, then validation, then the write inside
`audit_actor(actor)` (peer responses excepted: they are never audited, see services/rekan.py)."""

from kinerja.penilaian.services.dialog import *  # noqa: F403
from kinerja.penilaian.services.diri import *  # noqa: F403
from kinerja.penilaian.services.evaluasi import *  # noqa: F403
from kinerja.penilaian.services.keberatan import *  # noqa: F403
from kinerja.penilaian.services.kebijakan import *  # noqa: F403
from kinerja.penilaian.services.rekan import *  # noqa: F403
