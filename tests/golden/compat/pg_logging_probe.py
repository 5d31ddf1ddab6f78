"""tf.logging as TF 1.x scripts use it (probe pg; tests/test_pg_train_io.py): every n /
first n counters, and tf.app.run, after which absl's handler on the root logger prints
each record a second time, in absl's format with the calling file:line.

Run with stderr captured; gen_pg_logging.py masks absl's time and thread id."""
import tensorflow.compat.v1 as tf

log = tf.logging
log.set_verbosity(log.INFO)
log.info("before app.run %d", 1)


def loops():
    # one counter for every call in this function (TF keys it on the caller's caller)
    for i in range(5):
        log.log_every_n(log.INFO, "every %d", 2, i)
    for i in range(5):
        log.log_first_n(log.INFO, "first %d", 2, i)


def other():
    for i in range(3):
        log.log_first_n(log.INFO, "other first %d", 2, i)


loops()
other()
for j in range(3):
    log.log_every_n(log.INFO, "top level every %d", 2, j)


def main(argv):
    log.info("in main, argv %s", argv[1:])
    log.warning("a warning")
    log.log(log.ERROR, "an error %s", "text")
    for i in range(3):
        log.log_every_n(log.INFO, "main every %d", 2, i)
        log.log_first_n(log.INFO, "main first %d", 2, i)
    log.set_verbosity(log.WARN)
    log.info("hidden")
    log.warn("shown")


if __name__ == "__main__":
    tf.app.run(main)
