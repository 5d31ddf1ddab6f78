"""The op library: one module per op family; each op is one registration block.

Each module lists its public functions in `__all__`; flowgrad/__init__.py
re-exports them.
"""
