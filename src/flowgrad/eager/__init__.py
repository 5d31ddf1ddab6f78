"""TF 1.14 eager-package pieces that also run in graph mode (tf.GradientTape)."""
