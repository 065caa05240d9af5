"""scaffold: generate runnable hello-world Flask and Django apps, and prove they run."""

__version__ = "0.1.0"
