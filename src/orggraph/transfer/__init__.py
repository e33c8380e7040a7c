"""Data in and out: spreadsheets (.xlsx, .csv) for import, export, templates and the period report."""
