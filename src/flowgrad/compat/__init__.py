"""`flowgrad.compat`: `v1` is the whole flowgrad namespace (TF 1.x API)."""
