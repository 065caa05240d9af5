"""Archive the templates as the current version's: `python -m scaffold._update`, at a release."""

from scaffold._update.history import HISTORY, write_archive
from scaffold._version import __version__
from scaffold.kinds import templates_root

write_archive(templates_root(), HISTORY / f"{__version__}.tar.xz")
