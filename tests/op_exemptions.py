"""Registered ops that tests/op_samples.py has no row for: op type -> "category: reason".

tests/test_op_registry.py fails for a registered op with neither a row nor an entry
here, and for an entry whose op has a row or is no longer registered. Categories:
"no-cpu-kernel", "io", "internal", "covered-elsewhere: <test file>", ... Today every
registered op has a row, so the table is empty: keep it that way where a row can be
written (a NumPy reference, `ref=`, serves ops TF 1.14 cannot run on CPU).
"""
EXEMPTIONS: dict = {
    # TF creates it only for a resource variable of unknown shape (no public API builds one)
    "VariableShape": "covered-elsewhere: tests/test_resource_variables.py",
}
