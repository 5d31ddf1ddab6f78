"""Horovod's TensorFlow API on flowgrad: `flowgrad.horovod.tensorflow`.

Under `flowgrad run` and `flowgrad launch`, `import horovod.tensorflow as hvd` gives
flowgrad.horovod.tensorflow (the alias that maps `tensorflow` to flowgrad maps
`horovod` to this package). `flowgrad launch -np N script.py` starts N ranks on Ray
(docs/distributed.md).
"""
