"""scaffold's version, which is also the version of the templates it ships."""

__all__ = ["__version__"]

__version__ = "0.3.0"
