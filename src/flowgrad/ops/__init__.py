"""The op library: one module per op family; each op is one registration block."""
