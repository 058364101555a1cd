"""crmlab doctor: all OK here, FAIL with a fix for a missing package or a disabled extension."""

import json

import crmlab.doctor as doctor
from crmlab.cli import main


def test_this_environment_is_healthy(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out.replace("0 FAIL", "")
    for needed in ("python", "package pandas", "package jupyterlab", "JupyterLab widget extension",
                   "dataset transactions", "kernel 'python3'"):
        assert f"OK    {needed}" in out


def test_missing_package_is_a_fail_with_the_fix(monkeypatch, capsys):
    real = doctor.installed_version
    monkeypatch.setattr(doctor, "installed_version",
                        lambda name: None if name == "scipy" else real(name))
    assert doctor.main() == 1
    out = capsys.readouterr().out
    assert "FAIL  package scipy: not installed -> fix: pip install 'scipy>=1.10'" in out


def test_version_out_of_range_is_a_fail(monkeypatch):
    monkeypatch.setattr(doctor, "installed_version", lambda name: "1.0")
    item = next(i for i in doctor.diagnose() if i.name == "package pandas")
    assert not item.ok and "needs >=2.0" in item.found


def test_disabled_widget_extension_is_a_fail(monkeypatch, tmp_path):
    (tmp_path / "labconfig").mkdir()
    (tmp_path / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {doctor.WIDGET_MANAGER: True}}))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path))
    item = doctor.probe_widget_extension()
    assert not item.ok and "disabled" in item.found and "labextension enable" in item.fix


def test_a_crashing_check_becomes_a_fail_line():
    def broken():
        raise RuntimeError("boom")

    (item,) = doctor.diagnose([broken])
    assert not item.ok and "boom" in item.found
