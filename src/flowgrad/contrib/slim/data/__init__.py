"""tf.contrib.slim's data modules (TF 1.14 slim/python/slim/data): prefetch_queue."""
