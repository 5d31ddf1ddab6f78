"""TF's Example protos (generated code: README.md)."""
