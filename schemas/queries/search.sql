-- title: Search documents and quotes
-- description: Full-text search (SQLite FTS5, English stemming) over the headlines and bodies of the documents and over the quotes; words are matched as typed, so punctuation is safe. Up to 20 documents and 20 quotes, with the matches marked in the snippet (HTML: the text escaped, each match in a mark element, marked by noncharacters first so that a document's own tags stay text): the best (BM25) of the first 1,000 matches, or, when a word of the search is in 10,000 or more of them (too common to rank quickly), the first 20 found. The search box of the documents and quotes tables lists every match; past 1,000 it does not count or facet them.
with recursive
search(terms) as (select coalesce(nullif(escape_fts(:q), ''), '""')),
words(word, rest) as (
  select '', trim(:q) || ' '
  union all
  select substr(rest, 1, instr(rest, ' ') - 1), ltrim(substr(rest, instr(rest, ' ') + 1))
  from words
  where rest != ''
),
common(documents, quotes) as (
  select
    sum((
      select count(*) from (
        select 1 from documents_fts where documents_fts match escape_fts(word) limit 10000
      )
    ) = 10000),
    sum((
      select count(*) from (
        select 1 from quotes_fts where quotes_fts match escape_fts(word) limit 10000
      )
    ) = 10000)
  from words
  where word != ''
),
documents_found as (
  select rowid, case when (select documents from common) = 0 then rank end as rank
  from documents_fts
  where documents_fts match (select terms from search)
  limit 1000
),
quotes_found as (
  select rowid, case when (select quotes from common) = 0 then rank end as rank
  from quotes_fts
  where quotes_fts match (select terms from search)
  limit 1000
),
best_documents as (select rowid, rank from documents_found order by rank limit 20),
best_quotes as (select rowid, rank from quotes_found order by rank limit 20)
select found_in, doc_id, title, outlet, published, snippet from (
  select
    'document' as found_in,
    d.doc_id,
    d.title,
    o.name as outlet,
    d.published,
    replace(replace(
      replace(replace(replace(
        snippet(documents_fts, -1, char(64976), char(64977), '…', 24),
      '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
    char(64976), '<mark>'), char(64977), '</mark>') as snippet,
    b.rank
  from best_documents as b
  join documents_fts on documents_fts.rowid = b.rowid
  join documents as d on d.rowid = b.rowid
  left join outlets as o on o.outlet_id = d.outlet_id
  where documents_fts match (select terms from search)
  union all
  select
    'quote',
    d.doc_id,
    d.title,
    o.name,
    d.published,
    replace(replace(
      replace(replace(replace(
        snippet(quotes_fts, -1, char(64976), char(64977), '…', 24),
      '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
    char(64976), '<mark>'), char(64977), '</mark>'),
    b.rank
  from best_quotes as b
  join quotes_fts on quotes_fts.rowid = b.rowid
  join quotes as q on q.rowid = b.rowid
  join documents as d on d.doc_id = q.doc_id
  left join outlets as o on o.outlet_id = d.outlet_id
  where quotes_fts match (select terms from search)
)
order by found_in, rank
