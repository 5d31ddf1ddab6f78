"""Primitive ops: one module per family; each op is one row of a table or one block."""
