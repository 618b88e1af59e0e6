"""budgetqa: exact, sourced answers about Chinese departmental budget disclosures."""
__version__ = "0.1.0"
