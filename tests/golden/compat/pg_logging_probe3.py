"""logging.basicConfig before `import tensorflow` (probe pg): TF adds no handler of its
own, so each record prints once, from the root logger."""
import logging

logging.basicConfig(level=logging.INFO)

import tensorflow.compat.v1 as tf  # noqa: E402

tf.logging.info("once %d", 1)
tf.logging.warning("warn once")
