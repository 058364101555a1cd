"""Sphinx configuration of the course website; ``crmlab book`` copies it into the staged
source tree (``book/_build/source``) and builds from there."""

import os

project = "CRM Lab"
author = "the CRM Lab authors"
copyright = "the CRM Lab authors, MIT licence"
html_title = "CRM Lab"
extensions = ["myst_nb", "sphinx_design", "sphinx_togglebutton"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
language = "en"

# execute the chapters, once: an unchanged notebook is taken from the cache
nb_execution_mode = "cache"
nb_execution_cache_path = os.environ.get("CRMLAB_BOOK_CACHE", "../.jupyter_cache")
nb_execution_excludepatterns = ["exercises/*", "solutions/*"]  # shown as written
nb_execution_timeout = 180
nb_execution_raise_on_error = True  # a chapter that no longer runs fails the build
nb_execution_show_tb = True
nb_merge_streams = True
nb_ipywidgets_js = {}  # explorers are pictures on the site: no widget scripts from a CDN
myst_enable_extensions = ["colon_fence"]
suppress_warnings = ["mystnb.unknown_mime_type"]

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_favicon = "_static/favicon.png"
html_theme_options = {
    "repository_url": "https://github.com/crmlab/crm-lab",
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "show_toc_level": 2,
}
html_context = {"default_mode": "light"}  # the theme's colour mode (it logs an error when unset)
