-- title: One quotation's family: the same words across outlets, earliest first
-- description: Every quotation sharing words with the given one (a quote_id, e.g. bd821a96e65f20ca-q6), in order of publication, with the outlet, the speaker and the span of each wording. Add .json to the address for JSON.
select f.position, f.earliest, f.published, f.outlet_id, f.doc, f.quote_id, f.speaker,
  f.start, f."end", f.text
from quote_families as f
where f.family_id = (select family_id from quote_families where quote_id = :quote)
order by f.position
