"""The crmlab command line."""

from crmlab.cli import main


def test_datasets_check_passes_on_committed_data(capsys):
    assert main(["datasets", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_datasets_into_another_folder(tmp_path):
    assert main(["datasets", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / "transactions.csv").is_file()


def test_exercises_check(root, capsys):
    assert main(["exercises", "--check", "--root", str(root)]) == 0


def test_exercise_build_error_is_reported_not_raised(tmp_path, capsys):
    assert main(["exercises", "--root", str(tmp_path)]) == 2
    assert "no solution notebooks" in capsys.readouterr().err


def test_grade_without_submissions_is_a_clear_error(capsys):
    assert main(["grade"]) == 2
    assert "no submissions given" in capsys.readouterr().err


def test_grade_a_missing_path_is_a_clear_error(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
