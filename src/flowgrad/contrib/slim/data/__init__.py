"""tf.contrib.slim's data modules (TF 1.14 slim/python/slim/data): decoders, datasets,
data providers, parallel reading and prefetching."""
