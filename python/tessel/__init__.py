"""Python tooling for tessel: test-data harnesses, model export, reports."""
