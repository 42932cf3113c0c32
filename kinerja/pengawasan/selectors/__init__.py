"""Every read of pengawasan, scoped to what the actor may see. Split by subject; import from here."""

from kinerja.pengawasan.selectors.dasbor import *  # noqa: F403
from kinerja.pengawasan.selectors.lainnya import *  # noqa: F403
