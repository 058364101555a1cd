"""Reference answers of every checked exercise, computed from the course data.

Importing this package registers each chapter's exercises with ``crmlab.checks``.
"""

from crmlab.answers import intro, relationships, stages, tiering

__all__ = ["intro", "relationships", "stages", "tiering"]
