"""Registered ops that tests/op_samples.py has no row for: op type -> "category: reason"."""
EXEMPTIONS = {
}
