"""The Datasette site: the database, its metadata, pages, plugins and static files."""
