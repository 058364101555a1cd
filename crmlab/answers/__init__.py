"""Reference answers of every checked exercise, computed from the course data.

One module per chapter, named in ``crmlab.chapters``; ``crmlab.registry.lookup`` loads a
chapter's module the first time one of its exercises is checked.
"""
