-- title: Who cites whom: outlets and the sources they name
-- description: One row per outlet and source (an entity when the registry knows it), with the number of citations and reports and the citations behind it; outlet filters by outlet_id (empty: all). Add .json to the address for JSON.
select ce.outlet_id, o.name as outlet, ce.source, coalesce(e.name, ce.source_name) as source_name,
  e.type as source_type, ce.citations, ce.reports, ce.docs, ce.citation_ids
from citation_edges as ce
left join outlets as o on o.outlet_id = ce.outlet_id
left join entities as e on e.entity_id = ce.source_entity_id
where :outlet = '' or ce.outlet_id = :outlet
order by ce.citations desc, ce.outlet_id, ce.source
