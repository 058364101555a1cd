"""Taking in what students handed in: files, folders, LMS downloads and zip archives.

Who handed a file in is read from where it came from:

- a **Canvas** download names each file ``<login>_[LATE_]<user id>_<submission id>_<file>[-N]``:
  the student's login, their Canvas user id and whether it was late;
- a **Moodle** download puts each student's files in ``<Full name>_<participant id>_assignsubmission_file_/``:
  the name and participant id, also when the folder above them is given;
- otherwise a folder per student names the student (``ann/04_tiering.ipynb``), and a
  single file is named by its file name.

``.zip`` files are unpacked into the grader's own working folder (never beside them), with
entries that leave the archive, links, and archives that unpack to more than
:data:`MAX_UNPACKED` bytes refused. Files that are not notebooks are kept as submissions
(status ``not-a-notebook``); Mac ``._*`` files, ``__MACOSX`` and ``.ipynb_checkpoints``
are skipped and reported.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crmlab.errors import CRMDataError

CANVAS = re.compile(r"^(?P<login>[^_/]+)_(?:(?P<late>LATE)_)?(?P<uid>\d+)_(?P<sid>\d+)_(?P<file>.+?)"
                    r"(?:-(?P<copy>\d+))?(?P<ext>\.[A-Za-z0-9]+)?$")
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_[a-z]+_?$")
MAX_UNPACKED = 512 * 1024 * 1024  # bytes an archive may unpack to
MAX_ENTRIES = 10_000
MAX_NOTEBOOK = 64 * 1024 * 1024  # bytes of one notebook
SKIPPED_PARTS = ("__MACOSX", ".ipynb_checkpoints", ".git")
CELL_TYPES = ("code", "markdown", "raw")


@dataclass(frozen=True)
class Submission:
    """One handed-in file: the path as given, where to read it, and who handed it in."""

    path: str
    file: Path
    student: str
    student_id: str = ""
    late: bool = False
    problem: str = ""  # set when the file could not be taken in (e.g. an unsafe archive)

    @property
    def is_notebook(self) -> bool:
        return self.file.suffix.lower() == ".ipynb"


def identity(relative: Path, folder_name: str | None) -> tuple[str, str, bool]:
    """(student, student id, late) of a file at ``relative`` below the folder given.

    >>> identity(Path("smithjane_LATE_12345_678901_04_tiering-1.ipynb"), None)
    ('smithjane', '12345', True)
    >>> identity(Path("Jane Smith_4711_assignsubmission_file_/04_tiering.ipynb"), None)
    ('Jane Smith', '4711', False)
    >>> identity(Path("ann/04_tiering.ipynb"), None), identity(Path("x.ipynb"), "bob")
    (('ann', '', False), ('bob', '', False))
    """
    found = CANVAS.match(relative.name)
    if found:
        return found["login"], found["uid"], bool(found["late"])
    for part in relative.parts[:-1]:
        moodle = MOODLE.match(part)
        if moodle:
            return moodle["name"].strip(), moodle["pid"], False
    if len(relative.parts) > 1:
        return relative.parts[0], "", False
    return folder_name or Path(relative.name).stem, "", False


def find_submissions(paths: list[str | Path], workdir: Path) -> tuple[list[Submission], list[str]]:
    """Every submission named or inside the folders and archives named, and what was skipped."""
    found: list[Submission] = []
    skipped: list[str] = []
    for given in paths:
        item = Path(given)
        if item.is_dir():
            _walk(item, str(given), workdir, found, skipped, depth=0)
        elif item.is_file() and item.suffix.lower() == ".zip":
            _archive(item, str(given), workdir, found, skipped, depth=0)
        elif item.is_file():
            student, student_id, late = identity(Path(item.name), None)
            found.append(Submission(str(given), item, student, student_id, late))
        else:
            raise CRMDataError("no such file or folder", where=str(given),
                               fix="give submitted notebooks, folders of them or a .zip download")
    return found, skipped


def _walk(folder: Path, shown: str, workdir: Path, found: list[Submission], skipped: list[str],
          depth: int) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    kept = []
    for path in files:
        relative = path.relative_to(folder)
        label = f"{shown.rstrip('/')}/{relative.as_posix()}"
        if any(part in SKIPPED_PARTS for part in relative.parts) or path.name.startswith("._") \
                or path.name in (".DS_Store", "Thumbs.db"):
            skipped.append(f"{label} (system file)")
        elif path.is_symlink():
            skipped.append(f"{label} (a link, not a file)")
        else:
            kept.append((path, relative, label))
    notebooks = [k for k in kept if k[0].suffix.lower() == ".ipynb"]
    single = folder.name if len(notebooks) == 1 and len(kept) == 1 else None
    for path, relative, label in kept:
        if path.suffix.lower() == ".zip" and depth < 2:
            _archive(path, label, workdir, found, skipped, depth + 1, relative)
            continue
        student, student_id, late = identity(relative, single)
        found.append(Submission(label, path, student, student_id, late))


def _archive(archive: Path, shown: str, workdir: Path, found: list[Submission], skipped: list[str],
             depth: int, relative: Path | None = None) -> None:
    target = workdir / f"unpacked-{len(list(workdir.glob('unpacked-*')))}"
    target.mkdir(parents=True)
    problem = unpack(archive, target, skipped, shown)
    if problem:
        student, student_id, late = identity(relative or Path(archive.name), None)
        found.append(Submission(shown, archive, student, student_id, late, problem))
        return
    before = len(found)
    _walk(target, shown + "!", workdir, found, skipped, depth)
    if relative is not None and len(relative.parts) > 1:  # a student's own zip inside their folder
        owner = identity(relative, None)
        found[before:] = [Submission(s.path, s.file, *owner) if not s.student_id else s
                          for s in found[before:]]


def unpack(archive: Path, target: Path, skipped: list[str], shown: str) -> str:
    """Unpack ``archive`` into ``target`` safely; '' when done, else why it was refused."""
    try:
        with zipfile.ZipFile(archive) as handle:
            entries = handle.infolist()
            if len(entries) > MAX_ENTRIES:
                return f"the archive has more than {MAX_ENTRIES:,} entries"
            total = 0
            for entry in entries:
                name = entry.filename.replace("\\", "/")
                parts = [p for p in name.split("/") if p not in ("", ".")]
                mode = entry.external_attr >> 16
                if entry.is_dir():
                    continue
                if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name) or not parts:
                    skipped.append(f"{shown}!{entry.filename} (points outside the archive)")
                    continue
                if stat.S_ISLNK(mode):
                    skipped.append(f"{shown}!{entry.filename} (a link, not a file)")
                    continue
                destination = target.joinpath(*parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with handle.open(entry) as source, open(destination, "xb") as sink:
                    while chunk := source.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            return f"the archive unpacks to more than {MAX_UNPACKED >> 20} MB"
                        sink.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError) as err:
        return f"not a readable zip archive ({type(err).__name__}: {str(err)[:100]})"
    return ""


def read_notebook(path: Path) -> tuple[dict[str, Any] | None, str]:
    """The submission as a clean dict, or None and why it is not a readable notebook.

    Cells come back as ``cell_type``, ``source`` (one string) and ``id`` (only if text);
    a cell id or metadata of the wrong type is dropped, not fatal.

    >>> read_notebook(Path("no/such/file.ipynb"))[1]
    'the file cannot be read (FileNotFoundError)'
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, f"the file cannot be read ({type(err).__name__})"
    if len(data) > MAX_NOTEBOOK:
        return None, f"the file is larger than {MAX_NOTEBOOK >> 20} MB"
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "not a text file (a notebook is UTF-8 JSON)"
    except RecursionError:
        return None, "the JSON is nested too deeply"
    except ValueError as err:
        return None, f"not valid JSON ({str(err)[:80]})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        if isinstance(nb, dict) and "worksheets" in nb:
            return None, "an old (version 3) notebook: open it in Jupyter and save it again"
        return None, "valid JSON but not a notebook (no list of cells)"
    if nb.get("nbformat", 4) != 4:
        return None, f"notebook format {nb.get('nbformat')!r} is not version 4"
    cells = []
    for number, cell in enumerate(nb["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES:
            return None, f"cell {number} is not a notebook cell (no known cell_type)"
        text = cell.get("source", "")
        if isinstance(text, list) and all(isinstance(line, str) for line in text):
            text = "".join(text)
        if not isinstance(text, str):
            return None, f"cell {number}'s source is not text"
        clean = {"cell_type": cell["cell_type"], "source": text}
        if isinstance(cell.get("id"), str):
            clean["id"] = cell["id"]
        cells.append(clean)
    metadata = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    crmlab = metadata.get("crmlab") if isinstance(metadata.get("crmlab"), dict) else {}
    origin = crmlab.get("generated_from")
    return {"cells": cells, "metadata": {"crmlab": {"generated_from": origin}}
            if isinstance(origin, str) else {}}, ""
