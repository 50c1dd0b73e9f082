"""Server passwords: kept in the operating system's keyring, or left to libpq's pgpass file.

BIG Desk never writes a password to a file of its own, a log or a message. A location
typed with its password uses it; otherwise the keyring is asked, and when it has none,
libpq reads the user's pgpass file (``~/.pgpass``, or ``PGPASSFILE``) as it always does.
"""

from __future__ import annotations

import contextlib

from bigdesk.store.server.address import ServerLocation

SERVICE = "BIG Desk"


def account(location: ServerLocation) -> str:
    """Return the keyring's name for one role on one server and database."""
    port = location.port or 5432
    return f"{location.user or ''}@{location.host or 'localhost'}:{port}/{location.database}"


def stored_password(location: ServerLocation) -> str | None:
    """Return the password the keyring keeps for ``location``'s role, or None."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, account(location))
        except KeyringError:
            return None
    except (ImportError, RuntimeError):
        # -- a keyring that cannot start (no session bus, a broken backend) has no password
        return None


def with_password(location: ServerLocation) -> ServerLocation:
    """Return ``location`` with the password to connect with, when one is kept."""
    if location.password is not None:
        return location
    return location.with_password(stored_password(location))


def remember_password(location: ServerLocation, password: str) -> str | None:
    """Keep ``password`` in the keyring; return why it could not be kept (None when it was)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account(location), password)
    except (KeyringError, RuntimeError) as error:
        return f"the system keyring cannot keep it ({type(error).__name__})"
    return None


def forget_password(location: ServerLocation) -> None:
    """Remove the password the keyring keeps for ``location``'s role, if any."""
    import keyring
    from keyring.errors import KeyringError

    # -- PasswordDeleteError (none was kept) is a KeyringError too
    with contextlib.suppress(KeyringError, RuntimeError):
        keyring.delete_password(SERVICE, account(location))
