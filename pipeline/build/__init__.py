"""Running a build: the steps over the raw store, the cache, the rows, the workers."""
