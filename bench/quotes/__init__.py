"""Quotation and speaker benchmark on hand-annotated public pages (``python -m bench.quotes``)."""
