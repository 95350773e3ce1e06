-- title: What each outlet cites
-- description: The sources each outlet names (agencies, ministries, statements, other media), how often and in how many of its reports; a source resolved to an entity is counted under the entity.
select
  coalesce(o.name, '(unrecognised outlet)') as outlet,
  coalesce(e.name, c.source) as source,
  c.entity_id,
  count(*) as citations,
  count(distinct c.doc_id) as documents,
  group_concat(distinct c.cue) as cues
from citations as c
join documents as d on d.doc_id = c.doc_id
left join outlets as o on o.outlet_id = d.outlet_id
left join entities as e on e.entity_id = c.entity_id
group by d.outlet_id, coalesce(nullif(c.entity_id, ''), c.source)
order by outlet, citations desc, source
