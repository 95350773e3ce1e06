-- title: The same quotation as worded by different outlets
-- description: Pairs of quotes from reports by different outlets that share most of their words: overlap is the share of the shorter quote's distinct words of four letters or more that the other has too (at least four such words must be shared). min_overlap defaults to 0.5. Plain SQL, so any SQLite client can run it.
with recursive
words(quote_id, word, rest) as (
  select quote_id, '', replace(replace(lower(text), char(10), ' '), char(13), ' ') || ' '
  from quotes
  union all
  select quote_id, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  from words
  where rest != ''
),
terms as (
  select distinct quote_id, trim(word, '.,;:!?"''“”‘’«»()[]—–-…') as term
  from words
  where length(trim(word, '.,;:!?"''“”‘’«»()[]—–-…')) >= 4
),
sizes as (
  select quote_id, count(*) as n from terms group by quote_id
),
pairs as (
  select a.quote_id as a_id, b.quote_id as b_id, count(*) as shared
  from terms as a
  join terms as b on b.term = a.term and b.quote_id > a.quote_id
  group by a.quote_id, b.quote_id
),
quoted as (
  select q.quote_id, q.doc_id, q.text, e.name as speaker,
    coalesce(nullif(d.outlet_id, ''), d.doc_id) as source_key, o.name as outlet
  from quotes as q
  join documents as d on d.doc_id = q.doc_id
  left join outlets as o on o.outlet_id = d.outlet_id
  left join entities as e on e.entity_id = q.speaker_entity_id
)
select
  round(1.0 * p.shared / min(sa.n, sb.n), 2) as overlap,
  a.outlet as outlet_a,
  a.text as quote_a,
  b.outlet as outlet_b,
  b.text as quote_b,
  coalesce(a.speaker, b.speaker) as speaker,
  a.quote_id as quote_id_a,
  b.quote_id as quote_id_b
from pairs as p
join sizes as sa on sa.quote_id = p.a_id
join sizes as sb on sb.quote_id = p.b_id
join quoted as a on a.quote_id = p.a_id
join quoted as b on b.quote_id = p.b_id
where a.source_key != b.source_key
  and p.shared >= 4
  and 1.0 * p.shared / min(sa.n, sb.n) >= cast(coalesce(nullif(:min_overlap, ''), 0.5) as real)
order by overlap desc, quote_id_a, quote_id_b
