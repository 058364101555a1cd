"""Make the grader's test submissions from the chapter 0 solution and exercise notebooks.

Each case is the solution (or the blank exercise) with cells changed as a student, honest
or not, would change them; ``EXPECTED`` says what the grader must give it. Attacks name
real paths of this machine (the package, the masters, the classmates' folder, the output
folder), given to :func:`build`. Nothing here is hand-edited JSON: every file is made from
the notebooks. ``python -m tests.grading.submissions DIR OUT`` writes them into DIR.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import crmlab
from crmlab.exercises import notebook_text
from crmlab.registry import lookup

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = "00_introduction.ipynb"
MARKER = "crmlab-test-attack"  # every process an attack starts carries it in its command line
ANSWER_NAMES = {"ch0.ex1": "active_2024", "ch0.ex2": "revenue_2025", "ch0.ex3": "retention",
                "ch0.ex4": "share_unprofitable", "ch0.ex5": "best_month", "ch0.ex6": "kind",
                "ch0.ex7": "stage", "ch0.ex8": "area"}
WRONG = {"ch0.ex1": "-1", "ch0.ex2": "pd.Series({'web': 1.0})", "ch0.ex3": "0.1",
         "ch0.ex4": "0.99", "ch0.ex5": "'1999-01'", "ch0.ex6": "'a'", "ch0.ex7": "'a'",
         "ch0.ex8": "'a'"}

# name: (status, chapter, total); chapter 0 has eight auto-checked exercises of 1 point
EXPECTED: dict[str, tuple[str, int | None, int]] = {
    "all_correct": ("ok", 0, 8),
    "all_blank": ("ok", 0, 0),
    "half_right": ("ok", 0, 4),
    "copied_values": ("ok", 0, 8),
    "check_redefined": ("ok", 0, 0),
    "evaluate_patched": ("ok", 0, 0),
    "lying_objects": ("ok", 0, 6),
    "infinite_loop": ("timeout", 0, 7),
    "os_exit": ("crashed", 0, 3),
    "memory_hog": ("ok", 0, 7),
    "checks_deleted": ("ok", 0, 8),
    "checks_edited": ("ok", 0, 8),
    "cells_reordered": ("ok", 0, 8),
    "ids_stripped": ("ok", 0, 8),
    "gigantic_output": ("ok", 0, 8),
    "other_chapter": ("ok", 1, 7),
    "no_exercises": ("wrong-notebook", None, 0),
    "not_a_notebook": ("unreadable", None, 0),
    "invalid_json": ("unreadable", None, 0),
    # attacks
    "patch_package_and_masters": ("ok", 0, 8),
    "overwrite_classmates": ("ok", 0, 8),
    "detached_daemon": ("ok", 0, 8),
    "read_secrets": ("ok", 0, 7),
    "kill_the_grader": ("ok", 0, 7),
    "kill_every_process": ("ok", 0, 7),
    "swallow_interrupts": ("timeout", 0, 4),
    "fork_bomb": ("ok", 0, 8),
    "children_past_memory": ("ok", 0, 8),
    "magics": ("ok", 0, 8),
    "answer_key": ("ok", 0, 6),
    "id_is_a_list": ("ok", 0, 8),
    "metadata_is_a_list": ("ok", 0, 8),
    "int_in_source": ("unreadable", None, 0),
    "deep_nesting": ("unreadable", None, 0),
    # honest students
    "added_cells": ("ok", 0, 8),
    "classmate_copy": ("ok", 0, 8),
    "vscode_ids_and_print": ("ok", 0, 8),
    "old_format_inserted_cells": ("ok", 0, 8),
    "answer_types": ("ok", 0, 8),
    "duplicated_answer_cell": ("ok", 0, 8),
    "own_error": ("ok", 0, 7),
}
FLAGGED = {"copied_values": "a value typed in", "answer_key": "the answer key",
           "all_correct": "published solution", "patch_package_and_masters": "",
           "read_secrets": ""}


PATCH = """import pathlib
for target in {targets!r}:
    try:
        with open(target, 'a') as handle:
            handle.write('HACKED = 1')
    except OSError as err:
        print('refused:', err)
"""
OVERWRITE = """import glob, os
for path in glob.glob({mine!r}) + glob.glob({out!r}):
    try:
        open(path, 'w').write('{{}}')
    except OSError as err:
        print('refused:', err)
print(os.listdir('/'))
"""
DAEMON = """import subprocess, sys
code = '''import os, sys, time
if os.fork(): sys.exit()
os.setsid()
if os.fork(): sys.exit()
time.sleep(4)
open({grades!r}, "w").write("student,total")'''
subprocess.Popen([sys.executable, '-c', code, {marker!r}], start_new_session=True)
"""
# forks from a small fresh Python, not from the kernel: a kernel of ~200 MB takes a few
# milliseconds a fork, so 250 of them could pass the 10 s cell limit on a busy machine and
# make the case a timeout; this one fills the sandbox's process limit in well under a second
FORK_BOMB = """import subprocess, sys
code = '''import os, time
children = 0
try:
    for _ in range(5000):
        if os.fork() == 0:
            time.sleep(120)
            os._exit(0)
        children += 1
except OSError as err:
    print('stopped after', children, err)
'''
done = subprocess.run([sys.executable, '-c', code, {marker!r}])  # no pipes: the children keep none
print('the forker exited with', done.returncode)
"""
MEMORY_CHILDREN = """import subprocess, sys
for _ in range(4):
    done = subprocess.run([sys.executable, '-c', 'x = bytearray(48 * 1024 ** 3)', {marker!r}])
    print('child exit', done.returncode)
"""


def _load(folder: str, name: str = SOLUTION) -> dict[str, Any]:
    return json.loads((ROOT / folder / name).read_text(encoding="utf-8"))


def _answer_cell(nb: dict[str, Any], exercise: str) -> dict[str, Any]:
    return next(c for c in nb["cells"] if c["cell_type"] == "code"
                and f'check("{exercise}"' in "".join(c["source"]))


def _set(nb: dict[str, Any], exercise: str, code: str, keep_check: bool = True) -> None:
    cell = _answer_cell(nb, exercise)
    check = f'\ncheck("{exercise}", {ANSWER_NAMES[exercise]})' if keep_check else ""
    cell["source"] = (code + check).splitlines(keepends=True)


def _solution_code(nb: dict[str, Any], exercise: str) -> str:
    text = "".join(_answer_cell(nb, exercise)["source"])
    return text.split("### BEGIN SOLUTION\n", 1)[1].split("### END SOLUTION", 1)[0]


def _insert_before(nb: dict[str, Any], exercise: str, code: str, **extra: Any) -> None:
    index = nb["cells"].index(_answer_cell(nb, exercise))
    nb["cells"].insert(index, {"cell_type": "code", "execution_count": None, "metadata": {},
                               "outputs": [], "source": code.splitlines(keepends=True), **extra})


def _value(exercise: str) -> str:
    reference = lookup(exercise).reference()
    if hasattr(reference, "to_dict"):
        return f"pd.Series({reference.to_dict()!r})"
    return repr(reference)


def protected_paths() -> list[Path]:
    """What no submission may change: the package, the masters, the solutions."""
    return [Path(crmlab.__file__).parent, ROOT / "exercises", ROOT / "solutions"]


def build(folder: Path, out: Path) -> dict[str, bytes]:
    """Every test submission, file name -> bytes; attacks aim at ``folder`` and ``out``."""
    solution = _load("solutions")
    cases: dict[str, dict[str, Any]] = {"all_correct": solution, "all_blank": _load("exercises")}

    def variant(name: str) -> dict[str, Any]:
        cases[name] = copy.deepcopy(solution)
        return cases[name]

    nb = variant("half_right")
    for exercise in ("ch0.ex5", "ch0.ex6", "ch0.ex7", "ch0.ex8"):
        _set(nb, exercise, f"{ANSWER_NAMES[exercise]} = {WRONG[exercise]}")
    nb = variant("copied_values")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, f"{name} = {_value(exercise)}")
    nb = variant("check_redefined")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, f"def check(*args):\n    print('✔ correct')\n{name} = {WRONG[exercise]}")
    nb = variant("evaluate_patched")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, "import crmlab.checks\nfrom crmlab.checks import CheckResult\n"
                           "crmlab.checks.evaluate = lambda i, a: CheckResult(i, True, True, 1, 1, '✔')\n"
                           f"{name} = {WRONG[exercise]}")
    nb = variant("lying_objects")
    _set(nb, "ch0.ex1", "class AlwaysEqual:\n    def __eq__(self, other):\n        return True\n"
                        "active_2024 = AlwaysEqual()")
    _set(nb, "ch0.ex3", "class Liar(float):\n    def __eq__(self, other):\n        return True\n"
                        "    def __float__(self):\n        return 0.8879040017426006\n"
                        "retention = Liar(0.1)")
    nb = variant("infinite_loop")
    _set(nb, "ch0.ex1", "while True:\n    pass")
    nb = variant("os_exit")
    _set(nb, "ch0.ex4", "import os\nos._exit(1)")
    nb = variant("memory_hog")
    _set(nb, "ch0.ex2", "hog = bytearray(64 * 1024 ** 3)\nrevenue_2025 = None")
    nb = variant("checks_deleted")
    for cell in nb["cells"]:
        cell["source"] = [line for line in cell["source"] if not line.startswith("check(")]
    nb = variant("checks_edited")
    for exercise in ANSWER_NAMES:
        cell = _answer_cell(nb, exercise)
        cell["source"] = [line.replace(f'check("{exercise}"', 'check("ch0.ex3"')
                          for line in cell["source"]]
    nb = variant("cells_reordered")
    nb["cells"] = nb["cells"][:2] + nb["cells"][2:][::-1]
    nb = variant("ids_stripped")
    for cell in nb["cells"]:
        cell.pop("id", None)
    nb = variant("gigantic_output")
    _set(nb, "ch0.ex1", "for _ in range(3000):\n    print('x' * 10_000)\n"
                        "in_2024 = transactions[transactions['date'].dt.year == 2024]\n"
                        "active_2024 = in_2024['customer_id'].nunique()")
    cases["other_chapter"] = _load("solutions", "01_relationship_types.ipynb")
    empty = copy.deepcopy(solution)
    empty["cells"] = [{"cell_type": "markdown", "id": "x", "metadata": {}, "source": ["# Notes\n"]}]
    empty["metadata"] = {}
    cases["no_exercises"] = empty

    # attacks: each in a helper cell of its own before an answer, the answers left right
    package = Path(crmlab.__file__).parent
    nb = variant("patch_package_and_masters")
    targets = [str(package / "checks.py"), str(package / "answers" / "intro.py"),
               str(ROOT / "exercises" / SOLUTION), str(ROOT / "solutions" / SOLUTION)]
    _insert_before(nb, "ch0.ex1", PATCH.format(targets=targets))
    nb = variant("overwrite_classmates")
    _insert_before(nb, "ch0.ex1", OVERWRITE.format(mine=str(folder / "*.ipynb"), out=str(out / "*")))
    nb = variant("detached_daemon")
    _insert_before(nb, "ch0.ex1", DAEMON.format(grades=str(out / "grades.csv"), marker=MARKER))
    nb = variant("read_secrets")
    _set(nb, "ch0.ex6", "import os\nfound = dict(os.environ)\nfor path in ('/proc/1/environ', "
                        "'/root/.bash_history', '/proc/self/environ'):\n    try:\n"
                        "        found[path] = open(path, 'rb').read().decode(errors='replace')\n"
                        "    except OSError as err:\n        found[path] = str(err)\n"
                        "print(found)\nkind = str(found)")
    nb = variant("kill_the_grader")
    _set(nb, "ch0.ex4", "import os, signal\nfor pid in (os.getppid(), 1):\n    try:\n"
                        "        os.kill(pid, signal.SIGKILL)\n    except OSError as err:\n"
                        "        print(err)\nshare_unprofitable = None")
    nb = variant("kill_every_process")
    _set(nb, "ch0.ex4", "import os, signal\nfor pid in os.listdir('/proc'):\n"
                        "    if pid.isdigit() and int(pid) != os.getpid():\n        try:\n"
                        "            os.kill(int(pid), signal.SIGKILL)\n        except OSError:\n"
                        "            pass\nshare_unprofitable = None")
    nb = variant("swallow_interrupts")
    _set(nb, "ch0.ex5", "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n"
                        "    except BaseException:\n        pass")
    nb = variant("fork_bomb")
    _insert_before(nb, "ch0.ex1", FORK_BOMB.format(marker=MARKER))
    nb = variant("children_past_memory")
    _insert_before(nb, "ch0.ex1", MEMORY_CHILDREN.format(marker=MARKER))
    nb = variant("magics")
    _insert_before(nb, "ch0.ex1", "!echo hello from the shell; ls /; env\n")
    _insert_before(nb, "ch0.ex2", "%%%%bash\necho hi > %s 2>&1 || echo refused\n"
                   % (ROOT / "exercises" / SOLUTION))
    nb = variant("answer_key")
    _set(nb, "ch0.ex1", "from crmlab.registry import lookup\nactive_2024 = lookup('ch0.ex1').reference()")
    _set(nb, "ch0.ex2", "%run ../solutions/00_introduction.ipynb")

    # honest students
    nb = variant("added_cells")
    _insert_before(nb, "ch0.ex1", "import numpy as np\n")
    _set(nb, "ch0.ex1", _solution_code(solution, "ch0.ex1").replace(
        "active_2024 = ", "active_2024 = int(np.int64(0)) + "))
    _insert_before(nb, "ch0.ex3", "def yearly(kept, years):\n    return kept ** (1 / years)\n")
    _set(nb, "ch0.ex3", "retention = yearly(0.7, 3)")
    _set(nb, "ch0.ex4", "# my own way: the same steps, written out\n" + _solution_code(solution, "ch0.ex4"))
    cases["classmate_copy"] = copy.deepcopy(nb)  # hands in the same three answers of their own
    nb = variant("vscode_ids_and_print")
    for index, cell in enumerate(nb["cells"]):
        cell["id"] = hashlib.sha1(f"vscode{index}".encode()).hexdigest()[:12]
    cell = _answer_cell(nb, "ch0.ex2")
    cell["source"] = [line.replace('check("ch0.ex2", revenue_2025)', "print(revenue_2025)")
                      for line in cell["source"]]
    nb = variant("old_format_inserted_cells")
    for cell in nb["cells"]:
        cell.pop("id", None)
    nb["cells"][2:2] = [{"cell_type": "markdown", "metadata": {}, "source": ["My notes\n"]},
                        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                         "source": ["scratch = transactions.head()\n"]}]
    nb = variant("answer_types")
    _set(nb, "ch0.ex1", _solution_code(solution, "ch0.ex1") + "import numpy as np\n"
         "active_2024 = np.array(active_2024)")
    _set(nb, "ch0.ex2", _solution_code(solution, "ch0.ex2") + "revenue_2025 = revenue_2025.astype('Float64')")
    _set(nb, "ch0.ex3", "import numpy as np\nretention = np.float64(0.7) ** (1 / 3)")
    _set(nb, "ch0.ex4", _solution_code(solution, "ch0.ex4") + "import numpy as np\n"
         "share_unprofitable = np.array([share_unprofitable])")
    _set(nb, "ch0.ex5", _solution_code(solution, "ch0.ex5") + "class Month(str):\n    pass\n"
         "best_month = Month(best_month)")
    nb = variant("duplicated_answer_cell")
    wrong = copy.deepcopy(_answer_cell(nb, "ch0.ex1"))
    wrong["id"] = "copy-of-ex1"
    wrong["source"] = ["active_2024 = -1\n", 'check("ch0.ex1", active_2024)']
    nb["cells"].insert(nb["cells"].index(_answer_cell(nb, "ch0.ex1")), wrong)
    nb = variant("own_error")
    _set(nb, "ch0.ex1", "active_2024 = np.unique(transactions['customer_id']).size")

    files = {f"{name}.ipynb": notebook_text(nb).encode("utf-8") for name, nb in cases.items()}
    files["not_a_notebook.ipynb"] = b"\x89PNG\r\n\x1a\n not a notebook at all"
    files["invalid_json.ipynb"] = b'{"cells": [{"cell_type": "code", "source": '
    listed = json.loads(files["all_correct.ipynb"])
    for cell in listed["cells"]:
        cell["id"] = [cell.get("id")]
    files["id_is_a_list.ipynb"] = json.dumps(listed).encode()
    listed = json.loads(files["all_correct.ipynb"])
    listed["metadata"] = ["not", "a", "dict"]
    for cell in listed["cells"]:
        cell["metadata"] = [1]
    files["metadata_is_a_list.ipynb"] = json.dumps(listed).encode()
    listed = json.loads(files["all_correct.ipynb"])
    listed["cells"][3]["source"] = 5
    files["int_in_source.ipynb"] = json.dumps(listed).encode()
    files["deep_nesting.ipynb"] = b'{"cells": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    return files


# The LMS corpus: a Canvas download with a roster, and a Moodle download as a zip
CANVAS_ROSTER = ("Student,ID,SIS User ID,SIS Login ID,Section,Assignment 1 (101),Current Score\n"
                 "    Points Possible,,,,,10,\n"
                 "\"Smith, Jane\",12345,S1,jsmith,A,,\n\"Doe, John\",23456,S2,jdoe,A,,\n"
                 "\"Lee, Ann\",34567,S3,alee,B,,\n\"Kim, Bo\",45678,S4,bkim,B,,\n"
                 "\"Person, Missing\",56789,S5,mperson,B,,\n")
MOODLE_WORKSHEET = ("Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
                    "Last modified (submission),Feedback comments\n"
                    "Participant 4711,Wei Zhang,wei@example.org,Submitted for grading,,12,Yes,,\n"
                    "Participant 4712,Li Na,li@example.org,Submitted for grading - 2 hours late,,12,Yes,,\n"
                    "Participant 4713,Sam Roe,sam@example.org,No submission,,12,Yes,,\n")
# file name: (student as the gradebook shows it, id, status, chapter, total, late)
LMS_EXPECTED = {
    "smithjane_12345_678901_00_introduction.ipynb": ("Smith, Jane", "12345", "ok", 0, 8, False),
    "doejohn_LATE_23456_678902_00_introduction.ipynb": ("Doe, John", "23456", "ok", 0, 0, True),
    "leeann_34567_678903_00_introduction-1.ipynb": ("Lee, Ann", "34567", "wrong-notebook", 0, 0, False),
    "kimbo_45678_678904_report.html": ("Kim, Bo", "45678", "not-a-notebook", None, 0, False),
}


def build_lms(folder: Path) -> None:
    """A Canvas download (with LATE, -1, an html and a Mac ._ file) and a Moodle zip with two
    chapters of one student, a zip-slip entry and one of a student who was late."""
    solution, blank = _load("solutions"), _load("exercises")
    other = _load("solutions", "01_relationship_types.ipynb")
    canvas = folder / "canvas"
    canvas.mkdir(parents=True)
    (canvas / "smithjane_12345_678901_00_introduction.ipynb").write_text(notebook_text(solution), "utf-8")
    (canvas / "doejohn_LATE_23456_678902_00_introduction.ipynb").write_text(notebook_text(blank), "utf-8")
    (canvas / "leeann_34567_678903_00_introduction-1.ipynb").write_text(notebook_text(other), "utf-8")
    (canvas / "kimbo_45678_678904_report.html").write_text("<html>my notebook</html>", "utf-8")
    (canvas / "._smithjane_12345_678901_00_introduction.ipynb").write_bytes(b"\x00\x05\x16\x07Mac")
    (folder / "roster.csv").write_text(CANVAS_ROSTER, encoding="utf-8")
    (folder / "worksheet.csv").write_text(MOODLE_WORKSHEET, encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        base = "Wei Zhang_4711_assignsubmission_file_/"
        archive.writestr(base + "00_introduction.ipynb", notebook_text(solution))
        archive.writestr(base + "01_relationship_types.ipynb", notebook_text(other))
        archive.writestr("Li Na_4712_assignsubmission_file_/00_introduction.ipynb", notebook_text(blank))
        archive.writestr("../../escaped.ipynb", notebook_text(solution))
        archive.writestr("__MACOSX/._00_introduction.ipynb", b"mac")
    (folder / "moodle.zip").write_bytes(buffer.getvalue())


def write(folder: Path, out: Path) -> list[Path]:
    """Write every test submission into ``folder`` (attacks aim at ``folder`` and ``out``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in build(folder, out).items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "submissions")
    for path in write(target, Path(sys.argv[2] if len(sys.argv) > 2 else "grades").resolve()):
        print(path)
