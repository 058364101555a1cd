"""crmlab: the helper package of the CRM Lab course.

Data flows one way: ``datasets`` -> compute modules -> ``plots`` -> ``widgets``.
"""

from crmlab.errors import CRMDataError, CRMFitWarning

__version__ = "0.1.0"
__all__ = ["CRMDataError", "CRMFitWarning", "__version__"]
