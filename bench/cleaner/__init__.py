"""Score the cleaner on public web pages with gold article bodies (``python -m bench.cleaner``)."""
