"""The grading tests run students' code only in the real sandbox: without bwrap they are
skipped, and with CRMLAB_REQUIRE_SANDBOX=1 (CI) they fail instead."""

import os

import pytest

from crmlab.grading.sandbox import probe

WHY = probe("bwrap")
if WHY and os.environ.get("CRMLAB_REQUIRE_SANDBOX") == "1":
    raise RuntimeError(f"CRMLAB_REQUIRE_SANDBOX=1 but the bwrap sandbox does not work here: {WHY}")
requires_sandbox = pytest.mark.skipif(WHY is not None, reason=f"no bwrap sandbox: {WHY}")
