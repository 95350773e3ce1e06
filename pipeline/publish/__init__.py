"""Storage and publishing: tables written, split, described and swapped in atomically."""
