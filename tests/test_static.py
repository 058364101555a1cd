"""Static rendering for the website: explorers as pictures with their table and a line on
how to run them live; figures with alt text from their titles and labels; the book's
helpers (links, README sections, fingerprints)."""

import matplotlib.pyplot as plt
import pytest
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.figure import Figure

from crmlab.book import _repository_links, code_fingerprint, glossary_page, readme_section, write_if_changed
from crmlab.errors import CRMDataError
from crmlab.static import LIVE, enable, figure_alt, figure_html


def test_figure_alt_text_names_titles_and_axes():
    fig, (left, right) = plt.subplots(1, 2)
    left.set(title="Elbow", xlabel="k", ylabel="inertia")
    right.set_title("Silhouette")
    fig.suptitle("Choosing k")
    assert figure_alt(fig) == "Chart: Choosing k | Elbow (x: k; y: inertia) | Silhouette"
    assert figure_alt(Figure()) == "Chart: a chart"
    html = figure_html(fig)
    assert html.startswith('<img src="data:image/png;base64,') and 'alt="Chart: Choosing k' in html
    plt.close(fig)


def test_an_explorer_in_static_mode_is_a_picture_with_its_table(monkeypatch):
    from crmlab.widgets import ABCExplorer

    explorer = ABCExplorer.on_course_data()
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
    monkeypatch.setenv("CRMLAB_STATIC", "1")
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"text/html", "text/plain"}
    assert 'alt="ABCExplorer in its default state. Chart:' in bundle["text/html"]
    assert explorer.table.value in bundle["text/html"] and LIVE in bundle["text/html"]


def test_figures_keep_their_html_form_after_the_inline_backend_starts():
    shell = InteractiveShell.instance()
    enable(shell)
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.pop(Figure)  # what the inline backend does when it starts
    shell.events.trigger("post_execute")
    assert formatter.lookup_by_type(Figure) is figure_html


def test_book_helpers(tmp_path):
    path = tmp_path / "a" / "page.md"
    assert write_if_changed(path, "x") and not write_if_changed(path, "x")
    readme = "# T\n## For students\nRead [ch 4](notebooks/04_tiering.ipynb).\n## Next\n"
    assert readme_section(readme, "For students") == "Read [ch 4](notebooks/04_tiering.ipynb).\n"
    with pytest.raises(CRMDataError, match="no section"):
        readme_section(readme, "For instructors")
    links = _repository_links("[a](../notebooks/04_tiering.ipynb) [b](orders.csv) [c](#x) "
                              "[d](https://example.org) [e](../crmlab/generate.py)", "datasets")
    assert links == ("[a](notebooks/04_tiering.ipynb) "
                     "[b](https://github.com/crmlab/crm-lab/blob/main/datasets/orders.csv) "
                     "[c](#x) [d](https://example.org) "
                     "[e](https://github.com/crmlab/crm-lab/blob/main/crmlab/generate.py)")
    page = glossary_page()
    terms = [line for line in page.split("```{glossary}")[1].splitlines()
             if line and not line.startswith((" ", ":", "`"))]
    assert len(terms) == len(set(terms)) > 100  # each term once: every anchor unique
    root = tmp_path / "course"
    (root / "crmlab").mkdir(parents=True)
    (root / "datasets").mkdir()
    (root / "crmlab" / "m.py").write_text("x = 1")
    before = code_fingerprint(root)
    (root / "crmlab" / "m.py").write_text("x = 2")
    assert code_fingerprint(root) != before and len(before) == 16
