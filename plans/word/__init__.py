"""Word documents: importing a plan from one (reading.py) and exporting a version as one (writing.py)."""
