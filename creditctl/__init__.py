"""creditctl: creditor reply emails in, verified claim updates out."""

__version__ = "0.1.0"
