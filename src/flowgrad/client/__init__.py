"""TF 1.14's `tensorflow.python.client` modules flowgrad adds beside the session:
`timeline` (Chrome trace of a traced run) and `device_lib` (list_local_devices)."""
