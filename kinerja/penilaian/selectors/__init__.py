"""Every read of penilaian, scoped to what the actor may see. Split by subject; import from here."""

from kinerja.penilaian.selectors.dialog import *  # noqa: F403
from kinerja.penilaian.selectors.evaluasi import *  # noqa: F403
from kinerja.penilaian.selectors.kalibrasi import *  # noqa: F403
from kinerja.penilaian.selectors.rekan import *  # noqa: F403
