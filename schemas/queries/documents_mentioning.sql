-- title: Documents that mention an entity
-- description: The documents that mention an entity (an entity id, a name or an alias, any case, or the full name of a person the registry lacks), how often, and the spellings they use.
select
  d.doc_id,
  d.title,
  o.name as outlet,
  d.published,
  count(*) as mentions,
  group_concat(distinct m.text) as spellings
from mentions as m
join documents as d on d.doc_id = m.doc_id
left join outlets as o on o.outlet_id = d.outlet_id
where (m.entity_id is null and lower(m.name) = lower(:entity))
  or m.entity_id in (
    select entity_id from entities
    where lower(entity_id) = lower(:entity) or lower(name) = lower(:entity)
    union
    select entity_id from aliases where lower(alias) = lower(:entity)
  )
group by d.doc_id
order by mentions desc, d.published, d.doc_id
