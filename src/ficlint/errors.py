"""Errors a user can cause: each carries one line for the user, and the CLI exits 2."""


class FiclintError(Exception):
    """A problem with the user's input, config or environment (not a bug)."""


class ConfigError(FiclintError):
    pass


class InputError(FiclintError):
    """A file that cannot be read as prose; other files are still checked."""
