"""Files the course writes, compared byte for byte with what it would write now."""

from __future__ import annotations

from pathlib import Path


def drift(path: Path, expected: bytes) -> str | None:
    """Why the file at ``path`` is not byte for byte ``expected``, or None if it is.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_bytes(b"x\\r\\ny\\r\\n")
    >>> drift(path, b"x\\ny\\n")
    'has Windows line endings (CRLF)'
    """
    if not path.is_file():
        return "is missing"
    try:
        found = path.read_bytes()
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    if found == expected:
        return None
    if found.replace(b"\r\n", b"\n") == expected:
        return "has Windows line endings (CRLF)"
    try:
        found.decode("utf-8")
    except UnicodeDecodeError as err:
        return f"is not valid UTF-8 (byte {err.start})"
    return "differs"
