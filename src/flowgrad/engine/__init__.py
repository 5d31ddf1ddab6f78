"""The engine: graphs, dtypes and shapes, the op registry and primitive ops,
autodiff, the plan compiler, its passes and backends.

Nothing under engine/ imports the TensorFlow surface above it (flowgrad.ops,
nn, train, summary, compat, ...); tools/check_layers.py enforces it in CI.
"""
