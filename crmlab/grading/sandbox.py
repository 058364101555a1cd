"""Where a submission's kernel runs: a bubblewrap sandbox, a container, or (only when asked) none.

``bwrap`` (Linux, Debian package ``bubblewrap``) gives each kernel its own mount, PID, IPC,
UTS and network namespaces, a read-only view of the Python environment and of the
``crmlab`` package **without** ``crmlab/answers`` (the reference answers) and of the
datasets — never ``solutions/``, the exercise masters, other submissions, the output
folder or the instructor's home — a private writable home, and a socket folder shared
with the grader only (jupyter_client's ``ipc`` transport: no network inside). The
environment is cleared to :data:`ENVIRONMENT`. Run as root, the kernel drops to a
user id of its own with no capabilities (``setpriv``), so the process limit binds it.
``--die-with-parent`` and the PID namespace mean that killing the sandbox's first
process kills every process in it, whatever it does with signals.

Limits (:func:`limit_command`, set on the sandbox's first process and inherited by every
process in it): address space per process (``memory_mb``), number of processes and
threads, CPU seconds, size of a written file, no core files.

``docker``/``podman`` run the same kernel in a container of the course's image
(``crmlab-grader``, built from ``environment.yml``), with the same socket folder.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from crmlab.errors import CRMDataError

KINDS = ("bwrap", "docker", "podman", "none")
HOME = "/home/student"
IMAGE = "crmlab-grader"
PROCESSES = 256  # processes and threads of one sandbox (a kernel uses about 20)
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "fonts", "alternatives",
       "mime.types", "nsswitch.conf", "passwd", "group", "hosts")
ENVIRONMENT = {"HOME": HOME, "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1",
               "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
               "IPYTHONDIR": f"{HOME}/.ipython", "MPLCONFIGDIR": f"{HOME}/.matplotlib",
               "XDG_CACHE_HOME": f"{HOME}/.cache"}
HOW_TO_GET_ONE = ("install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: "
                  "sudo dnf install bubblewrap), or on macOS/Windows use --sandbox docker (Docker "
                  "Desktop); --no-sandbox grades without one and says so in every row")


@dataclass(frozen=True)
class SandboxLimits:
    """What one sandbox may use: memory per process (MB), CPU seconds, file size (MB)."""

    memory_mb: int | None = 4000
    cpu_seconds: int = 900
    file_mb: int = 512
    processes: int = PROCESSES


@dataclass(frozen=True)
class Sandbox:
    """A way to run a kernel; :meth:`kernel_command` wraps the kernel's own command."""

    kind: str

    @property
    def isolated(self) -> bool:
        return self.kind != "none"

    def kernel_command(self, connection_file: Path, ipc_dir: Path, home: Path,
                       limits: SandboxLimits, uid: int | None = None) -> list[str]:
        """The command that starts an ipykernel on ``connection_file`` inside this sandbox
        with these limits (run as ``uid`` when the grader is root; see :func:`sandbox_uid`)."""
        kernel = ["-m", "ipykernel_launcher", "-f", str(connection_file)]
        if self.kind == "none":
            return limit_command(limits, self.kind) + [sys.executable, *kernel]
        if self.kind == "bwrap":
            return limit_command(limits, self.kind) + bwrap_command(ipc_dir, home, uid) + [
                sys.executable, *kernel]
        return container_command(self.kind, ipc_dir, home, limits) + ["python", *kernel]


def course_paths() -> tuple[Path, Path, Path]:
    """The ``crmlab`` package folder, its reference answers, and the datasets folder."""
    import crmlab
    from crmlab.datasets import data_dir

    package = Path(crmlab.__file__).resolve().parent
    return package, package / "answers", data_dir().resolve()


def python_paths() -> list[Path]:
    """The folders that make up this Python environment (venv, its base, the interpreter)."""
    found = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
             Path(os.path.realpath(sys.executable)).parent.parent}
    return sorted(p for p in found if p != Path("/"))


def _outside(path: Path, roots: list[Path]) -> bool:
    return not any(path == r or r in path.parents for r in roots)


def bwrap_command(ipc_dir: Path, home: Path, uid: int | None = None) -> list[str]:
    """The bwrap prefix for a kernel: namespaces, read-only views, home, sockets, environment."""
    package, answers, data = course_paths()
    readonly: list[Path] = [Path("/usr")]
    for path in [*python_paths(), package, data]:
        if _outside(path, readonly):
            readonly.append(path)
    root = os.geteuid() == 0
    args = ["bwrap", "--die-with-parent", "--new-session"]
    args += (["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
             if root else ["--unshare-all"])
    # first the private /tmp, so that a course or a venv that lives below /tmp is bound over it
    args += ["--perms", "1777", "--tmpfs", "/tmp"]
    for top in ("bin", "lib", "lib64", "lib32", "sbin"):
        host = Path("/") / top
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            readonly.append(host)
    made: set[Path] = set()

    def parents(path: Path) -> list[str]:  # bwrap would make missing parents private (0700)
        made_now = []
        for parent in reversed(path.parents):
            if parent not in (Path("/"), Path("/tmp")) and parent not in made and _outside(parent, readonly):
                made_now += ["--perms", "0755", "--dir", str(parent)]
                made.add(parent)
        return made_now

    for path in readonly:
        args += parents(path)
    for path in readonly:
        args += ["--ro-bind", str(path), str(path)]
    for name in ETC:
        if (Path("/etc") / name).exists():
            args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
    if answers.exists():
        args += ["--tmpfs", str(answers)]
    args += ["--proc", "/proc", "--dev", "/dev",
             *parents(ipc_dir), "--bind", str(ipc_dir), str(ipc_dir),
             "--bind", str(home), HOME, "--chdir", HOME,
             "--clearenv"]
    for name, value in {**ENVIRONMENT, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                        "CRMLAB_DATA_DIR": str(data)}.items():
        args += ["--setenv", name, value]
    args.append("--")
    if root:  # drop to a user of its own with no capabilities, so the process limit applies
        uid = uid if uid is not None else sandbox_uid()
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    return args


def sandbox_uid() -> int:
    """A user id no account has, different for every sandbox (so limits are not shared)."""
    return 200_000 + secrets.randbelow(100_000)


def container_command(engine: str, ipc_dir: Path, home: Path, limits: SandboxLimits) -> list[str]:
    """The docker/podman prefix: no network, read-only image, home and sockets mounted."""
    args = [engine, "run", "--rm", "-i", "--network", "none", "--read-only", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--pids-limit", str(limits.processes),
            "--ulimit", f"cpu={limits.cpu_seconds}", "--ulimit", "core=0",
            *(["--memory", f"{limits.memory_mb}m"] if limits.memory_mb else []),
            "--tmpfs", "/tmp", "-v", f"{ipc_dir}:{ipc_dir}", "-v", f"{home}:{HOME}", "-w", HOME,
            "--user", f"{os.getuid()}:{os.getgid()}"]
    for name, value in ENVIRONMENT.items():
        args += ["-e", f"{name}={value}"]
    return [*args, IMAGE]


def limit_command(limits: SandboxLimits, kind: str) -> list[str]:
    """The ``prlimit`` prefix (util-linux) that sets the limits of the sandbox's first process,
    inherited by every process in it; none where prlimit is missing (not on Linux).

    >>> limit_command(SandboxLimits(memory_mb=100, cpu_seconds=5, file_mb=1), "docker")[1:4]
    ['--as=104857600', '--cpu=5', '--fsize=1048576']
    """
    if shutil.which("prlimit") is None:
        return []
    args = ["prlimit"]
    if limits.memory_mb:
        args.append(f"--as={int(limits.memory_mb) * 1024 * 1024}")
    args += [f"--cpu={limits.cpu_seconds}", f"--fsize={limits.file_mb * 1024 * 1024}", "--core=0"]
    if kind == "bwrap":
        processes = limits.processes if os.geteuid() == 0 else _own_tasks() + limits.processes
        args.append(f"--nproc={processes}")
    return [*args, "--"]


def _own_tasks() -> int:
    """Processes and threads of this user now (the process limit counts them all)."""
    uid, total = os.getuid(), 0
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                total += len(os.listdir(entry / "task"))
        except OSError:
            continue
    return total


def probe(kind: str) -> str | None:
    """None when a sandbox of this kind works here, else why not.

    >>> probe("none") is None
    True
    """
    if kind == "none":
        return None
    if kind == "bwrap":
        if sys.platform != "linux" or shutil.which("bwrap") is None:
            return "bwrap is not installed"
        tool = ["bwrap", "--ro-bind", "/", "/", "--unshare-pid", "--unshare-net", "true"]
        if os.geteuid() == 0 and shutil.which("setpriv") is None:
            return "setpriv (util-linux) is missing, needed to drop root inside the sandbox"
    else:
        if shutil.which(kind) is None:
            return f"{kind} is not installed"
        tool = [kind, "image", "inspect", IMAGE]
    try:
        done = subprocess.run(tool, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"{kind} does not start ({type(err).__name__})"
    if done.returncode != 0:
        if kind == "bwrap":
            return "bwrap cannot create namespaces here: " + done.stderr.decode(errors="replace").strip()
        return (f"the {IMAGE} image is missing: build it with `{kind} build -t {IMAGE} "
                "-f grader.Dockerfile .`")
    return None


def choose(requested: str | None) -> Sandbox:
    """The sandbox to grade in: the one asked for, else bwrap, docker or podman, whichever
    works; a :class:`CRMDataError` saying how to get one when none does."""
    if requested is not None and requested not in KINDS:
        raise CRMDataError(f"unknown sandbox {requested!r}", fix=f"use one of {', '.join(KINDS)}")
    candidates = [requested] if requested else ["bwrap", "docker", "podman"]
    reasons = []
    for kind in candidates:
        why = probe(kind)
        if why is None:
            return Sandbox(kind)
        reasons.append(f"{kind}: {why}")
    raise CRMDataError("no sandbox to run students' code in (" + "; ".join(reasons) + ")",
                       fix=HOW_TO_GET_ONE)
