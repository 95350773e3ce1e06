-- title: The reports of one event, on a timeline
-- description: Each report of the event (an id from the events table, e.g. 2023-09-20-tehran-165256), earliest first, with what linked it: shared people and places, text similarity, and the span of the event's place in the report. Add .json to the address for JSON.
select de.event_id, e.label, d.published, de.date_source, d.outlet_id, d.doc_id, d.title,
  de.score, de.shared_people, de.shared_places, de.text_similarity,
  de.start, de."end", de.text as place_text
from document_events as de
join events as e on e.event_id = de.event_id
join documents as d on d.doc_id = de.doc
where de.event_id = :event
order by coalesce(d.published, '~'), d.doc_id
