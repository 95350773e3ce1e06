"""Checks of a published corpus: schemas, Table Schema, re-derivation, gold scores."""
