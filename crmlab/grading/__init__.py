"""Instructor grading: ``crmlab grade`` (see ``crmlab.grading.gradebook``).

- ``rebuild``: a submission rebuilt from the pristine exercise notebook;
- ``capture``: answers taken out of the kernel as plain data by the grader's own code;
- ``run``: one submission executed safely (timeouts, memory, output cap);
- ``gradebook``: parallel grading, scoring in the grader's process, CSV and feedback.
"""
