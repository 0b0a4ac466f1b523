"""Errors every front end turns into one readable line. No imports: cheap to load first."""


class StoreError(Exception):
    """The store cannot be used. The message is one readable line."""


class StoreBusy(StoreError):
    """Another process held the lock for too long."""


class ExportError(Exception):
    """The file cannot be written. The message is one readable line."""
