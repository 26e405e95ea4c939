"""Staff tools: spreadsheet import, fill-in templates and the credit-platform export (outside the site build)."""
