"""tf.logging used first inside main, after tf.app.run (probe pg): TF set its logger up at
import, so each record prints in TF's format and in absl's."""
import tensorflow.compat.v1 as tf


def main(argv):
    tf.logging.info("first use, in main %s", argv[1:])
    tf.logging.warning("a warning")


if __name__ == "__main__":
    tf.app.run(main)
