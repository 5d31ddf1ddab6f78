"""TF 1.14's canned estimators and their heads."""
