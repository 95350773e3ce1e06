-- title: All quotes of a person, across outlets
-- description: Every direct quotation attributed to a person, with the outlet and date of the report that carries it. The person is an entity id, a name or an alias (any case), or the full name of a person the registry lacks; leave it empty for every attributed quote.
select
  q.speaker_name as speaker,
  q.text as quote,
  o.name as outlet,
  d.published,
  q.cue,
  q.speaker_text,
  q.speaker_entity_id,
  q.doc_id,
  q.quote_id
from quotes as q
join documents as d on d.doc_id = q.doc_id
left join outlets as o on o.outlet_id = d.outlet_id
where q.speaker_name != ''
  and (
    :person = ''
    or lower(q.speaker_name) = lower(:person)
    or q.speaker_entity_id in (
      select entity_id from entities
      where lower(entity_id) = lower(:person) or lower(name) = lower(:person)
      union
      select entity_id from aliases where lower(alias) = lower(:person)
    )
  )
order by q.speaker_name, d.published, o.name, q.start
