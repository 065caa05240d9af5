"""Child processes beneath every command: supervised, served on a free port, always stopped."""

# _signal, not signal: `python -m scaffold` reads this before anything else, and the
# enum-making signal module would lengthen the moment Ctrl-C can only print a traceback.
TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    import signal as _signal
else:
    import _signal

__all__ = ["STOP_SIGNALS"]

STOP_SIGNALS = frozenset({_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP})
"""The signals that stop scaffold, and that it passes on to what it started."""
