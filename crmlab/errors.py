"""The one error type crmlab raises for bad input."""


class CRMDataError(ValueError):
    """Bad input data: the message says what is wrong, where, and how to fix it.

    >>> try:
    ...     raise CRMDataError("column 'amount' has negative values", where="sales.csv",
    ...                        fix="remove refunds or pass them as a separate file")
    ... except ValueError as err:
    ...     print(err)
    sales.csv: column 'amount' has negative values. Fix: remove refunds or pass them ...
    """

    def __init__(self, what: str, *, where: str = "", fix: str = "") -> None:
        self.what, self.where, self.fix = what, where, fix
        message = f"{where}: {what}" if where else what
        if fix:
            message += f". Fix: {fix.rstrip('.')}."
        super().__init__(message)


class CRMFitWarning(UserWarning):
    """A model was fitted, but the fit is doubtful: the optimiser did not converge or a
    parameter ran to the edge of its search range. The message says what the data looks
    like and what to try. Filter it like any warning::

        warnings.simplefilter("error", CRMFitWarning)   # or "ignore"
    """
