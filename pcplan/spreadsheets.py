"""The CSV formula guard, for every file pcplan writes for a spreadsheet.

A cell starting with =, +, -, @ or a tab or carriage return is read by Excel and others as a
formula (CSV injection): such a cell is prefixed with an apostrophe, which the spreadsheet
shows as text and does not run.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula; None is an empty cell."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
