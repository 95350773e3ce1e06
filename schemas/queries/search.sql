-- title: Search documents and quotes
-- description: Full-text search (SQLite FTS5, English stemming) over the headlines and bodies of the documents and over the quotes; words are matched as typed, so punctuation is safe. Matches are marked in the snippet.
select found_in, doc_id, title, outlet, published, snippet from (
  select
    'document' as found_in,
    d.doc_id,
    d.title,
    o.name as outlet,
    d.published,
    snippet(documents_fts, -1, '<mark>', '</mark>', '…', 24) as snippet,
    documents_fts.rank as rank
  from documents_fts
  join documents as d on d.rowid = documents_fts.rowid
  left join outlets as o on o.outlet_id = d.outlet_id
  where documents_fts match coalesce(nullif(escape_fts(:q), ''), '""')
  union all
  select
    'quote',
    d.doc_id,
    d.title,
    o.name,
    d.published,
    snippet(quotes_fts, -1, '<mark>', '</mark>', '…', 24),
    quotes_fts.rank
  from quotes_fts
  join quotes as q on q.rowid = quotes_fts.rowid
  join documents as d on d.doc_id = q.doc_id
  left join outlets as o on o.outlet_id = d.outlet_id
  where quotes_fts match coalesce(nullif(escape_fts(:q), ''), '""')
)
order by found_in, rank
