"""Direct quotations in the title and the kept body, and who said them.

Marks: :mod:`pipeline.extract.quotemarks` finds the quotations; this module says who said them.

Rows. One row per contiguous span inside the marks. A quotation split by its attribution
('..,' he stated, '...') or running over several paragraphs gives one row per part; each
part after the first has ``part_of``, the index in ``doc.quotes`` of the first part. A
quotation that holds its own attribution, as French sets it ("« A, soupire-t-elle. B »",
"« A, glisse-t-il en partant. B »", or inside guillemets a verb in lower case and a name:
"« A, explique Antony Fastier, toxicologue. B »"; not after "comme", "et", "avec" ...),
is two quotations, the incise outside both.

Not quotations: terms and titles in marks. A single quoted word, anything after
"so-called", a capitalised name after "dubbed", "called", "titled"..., and a phrase of at
most three words that is not punctuated as speech and that nobody in its own sentence is
said to say (scare quotes: Tehran's "red lines"). Nor, when nobody in its sentence is said
to say them, at most six words all capitalised (small words aside), a programme's or a
work's title ('a guest on "Face the Nation."'), and words opening in lower case right after
a word of the reporter's clause other than "that" (rooms "in line with their identity,"):
they are woven into the reporter's sentence. A title in capitals right after such a word is
none even when a speech verb follows ('After playing "Down By the River," the singer said').

Speech cues are the registry's (``cues.csv``: verbs and "according to" in English, German,
French, Spanish, Russian, Persian and Arabic, each with its language), read the same way in
every language: "„…“, sagte Scholz" and "«…», — заявил Шойгу" as '"…," said Shoigu', "Selon
Macron, « … »" as 'According to Macron, "…"'; German "„…“, so Scholz" is a name after "so"
right after the quotation.

Speakers. The attribution right after the closing mark comes first: a speech verb within
the quote's sentence (or, when the quoted words end their own sentence with ".", "?" or
"!", within the next one in the same paragraph: '"...?" Schiff asked.', unless a verb
before the opening mark introduces it with a comma or colon: 'Voss replied, "Well, ...."
Baylor quipped' is Voss's, or that sentence reports speech of its own, its verb followed by
"that" or a quotation: '"...." He added that ...'), its speaker being
the name, pronoun or role right after the verb (", said the minister", ", said Mayor Anna
Keller", "wrote 43-year-old Martin Taylor": titles and ages may stand before the name, and
so may a description of at most five words that ends in a word for what someone does, a
title or a noun in -ist, -yst, -er, -or, -ant, -ent, -ian, -man, -ee..., or a hyphenated rank,
with no function word or verb in -ed: "said longtime energy economist Tamsin Ferrell",
"Nordbank strategist Elodie Marchetti said", "the 22nd-seeded Okonkwo said"; and "a" or
"an" with one or two lower-case words that are no function words: "said a skeptical Robert
Wolfarth"; a name in a compound modifier, "Maryland-based", is no speaker: "said
Maryland-based lawyer Jim Dunham" is Jim Dunham),
else a name right after the quote with a
phrase in apposition up to the verb ('" John Williams, the president of the New York Fed,
said'; no comma inside it, or up to two when it opens with "a", "an", "the" or "who": '"
Ana Ruiz, a fellow at the institute in Munich, Germany, and co-author of the study, said'),
else the subject before the verb within twelve words ("...' Sergei Shoigu said"), else a
name after the next verb, when a comma stands right before it within twelve words ('"..."
announced in October, said Derek Scissors').
Then the one before the opening mark in the same sentence ("Ashtiani said the move was a
"..."", "According to Dr. Adeyemi, "..."", "Shoigu: "...""), then the sentence before if it
ends with a colon ("He said:") or with its verb ('"Amazing," Davis said.'), then the
speaker of the paragraph's previous quotation (one speaker per paragraph, as news style has
it, kept as it was resolved); a paragraph that is nothing but a quotation, or opens with a
quotation that ends its sentence inside the marks ('"We used a trick." This "trick" was
...'), continues the speaker whose attribution ends the paragraph before ('"...," said
Michael Sims, CEO of Ceres.' then '"..."'; or whose quotation ends it: '"...," Sims said.
"..."' then '"..."'), or is followed there only by a quotation it
leaves open ('"...," he wrote. " The course ...' then '"..."'), or whose last sentence, in
a paragraph with no quotation, says who spoke ("Erekat said it was the latest move." then
'"..."'); so does, within a paragraph, a quotation opening the sentence after one that
reports someone's speech ('Ruano said the signals remain his issue. "For me, ..."') or
tells of the statement the one person it names made ("Bolger's lawyer, Jeremy Robinson, had a
more succinct statement after the ruling." '"It is ..."'). A quotation signed with a dash
and a person's name that ends its paragraph ("“...” — Neil Gaiman", "“...”― Pamela
Padilla", a full stop after the name or not) is theirs, and so is a quotation paragraph
that the paragraph below signs alone ("- Bernie Sanders.", "-Michelle Marks, Philadelphia.").
In a headline, a trailing "- Minister" or a leading "Shoigu: ...".
A phrase after the verb or "according to" that names nobody may be followed by the name
in apposition ("according to his aunt, Jane Starner,", "said his lawyer, John Smith.").
After "told", "asked", "warned", "urged" or "assured" the phrase is who was spoken to ("He
told the interviewer: "...""), never the speaker.
A participle ("adding that"), a coordinated verb ("... and suggested") or an infinitive
after a speech verb ("interjected to say") takes the subject of the verb before it; a
sentence that opens with its verb, capitalised, gives the name after it ("Said Comey,
"...""); an insertion (", for his part,", ", speaking in Moscow,") between subject and verb
is skipped, so is a leading "as" ("As retiree Ken Ito wrote, "..."") and a reflexive ("as
Montoya-Lewis herself said"), a leading "and" or "but" (", and then Wallnau continues:",
"And Mr. Christie gloated:") or a time ("Smith last week said", "on Tuesday", "Priebus
later Thursday told", "yesterday", "this week"), and of a name and its role in apposition
("Robertson, the U.S. commander, said") the name is the subject. Before a subject's name
may also stand a bare description of at most three words, none a function word or a verb
in -ed or -s ("Former chief whip Mark Harper told him: "...""), after a possessive
("Qureshi's Chinese counterpart Wang Yi had then said:"). A participle opening the
sentence's verbs ("He estimated the price ..., adding:") takes a "he" or "she" that opens it.
Word order of other languages: a French verb with its pronoun ("soupire-t-elle", "a-t-il
estimé") is the pronoun; a pronoun right after the verb ("Weiter schreibt er:", "betonte
sie:", German "sie" after a verb in the singular only, read as "she") is the subject; a
German adverb may stand between the verb and the name ("erklärte damals Morten Hundt"),
and a possessive before a description names who speaks by the name after it ("sagt Halas‘
Kollege Peter Nordlander", "said Trump’s lawyer Rudy Giuliani"; with no name, nobody: not
Halas). A sentence whose verb has its subject pronoun after it and introduces a quotation
("Weiter sagt er: „…“") reports its own speech: it attributes nothing before it.
"NAME and his team wrote" is NAME. A sentence with no speech verb that opens with "For",
"Für" or "Pour" and a person, or with "In NAME's words", and introduces the quotation with a
comma or colon, gives that person's words ("Pour la toxicologue, « ... »"). A sentence that
introduces a quotation with a colon and no speech verb speaks through its subject (a
pronoun that ends a clause before the colon is its object: "but he resents it:"): a person
whose name opens it, "he" or "she", or a description that opens it ("Buckley, who phoned in,
had a similar experience:", "Die Ministerin zeigte sich offen:"). Capitalised words between
a quotation ending in a comma (or "?", "!") and its verb, or right after the verb, that name
no person are an organisation the registry does not know, as written ('"...," Microsoft
said', "schrieb die NASA"; not a function word, a common word or the plural of one,
"Officials", "Police", a day, or after a German article a single word in lower and upper
case: "die Ministerin"). "I" speaks for nobody the text names (the writer, or the one an
interview asks).

More German and French. A German sentence in the subjunctive of reported speech ("Die
Nachfrage sei hoch.", or in the subjunctive II: "Bis 2042 würden ...") goes on reporting the
latest speaker of the last six sentences: a quotation that opens the next sentence is
theirs. A document speaks for its author with no
verb of its own ("In der Petition heißt es:", "Darin hieß es:", "Dans sa lettre, on peut
lire :"): the paragraph's speaker, the one the sentence or paragraph before reports, else the
latest subject or the one person with a first name of the two sentences before; the document
is never the speaker. A sentence that opens with a prepositional phrase or an adverb and no
comma puts its verb second and the subject after it ("Am Montag sagte Petra Hahn:", not
"Montag"). A description with its article after the verb, then a name, is that name ("a
prévenu le commissaire à l’économie Pierre Moscovici"; not after a preposition: "l’avocat de
X"), and so is a name in apposition after it ("so die Sprecherin der Stadt, Eva Schmid"). An
apposition without article before the verb ("Petra Hahn, Leiterin des Amtes, sagte:") is
skipped to the name. French days and adverbs may stand between the verb and its subject ("a
déclaré samedi X", "a déclaré à cette occasion le ministre de la Santé"). A description
with its complement ("le ministre de la Santé", "die Leiterin des Amtes") is first the
person latest named right after those same words ("le ministre de la Santé Roman
Prymula"), only then one named after its noun alone ("Premier ministre Andrej Babiš").
"der" with a noun in its masculine form is no woman ("der
Vorstandschef" passes over a woman named since), as "die" is no man. A "Sie" that opens a
sentence is a pronoun, not a person named "Sie"; it, "er", "il" and "elle" opening a sentence
put the person they stand for in focus.

German word order, read by mechanism rather than word lists (:mod:`pipeline.extract.german`).
A quotation fronted before its reporting clause with a comma is followed by the clause's
finite verb, whatever verb it is: a German word (wordfreq) with a verb's ending, or any German
word with "er"/"sie" after it ("„…“, prognostizierte Brühl", "„…“, schmunzelt der neue
Landesmeister", "„…“, ließ sie … wissen"); after "zitiert" the first person named is the one
cited, not the medium; and a quotation so followed by its own verb never takes the
paragraph's speaker. The subject pronoun in the verb bracket speaks: right after the speech
verb whatever follows up to the colon ("antwortete er in einem Interview der …:"), or after
the auxiliary that opens a bracket the speech verb closes ("hatte er … betont:"). Any German
word but a preposition may stand between a verb and its subject ("meint derweil der …"); a
noun made of an adjective ("der Drittplatzierte Kess") describes the surname after it. "er" or
"sie" right after a verb in second place ("Also bleibt er überzeugt") is the sentence's
subject, in focus, and speaks for a colon with no speech verb ("In einem Tweet zitierte sie
…, empfahl ihm:"); so does a possessive ("Seine Schlussfolgerung:", "Ihr Fazit:"). Someone
unnamed brought in ("dieser User", "einen User", "eine Nutzerin") takes a pronoun of their
gender from the people named before. A German quotation in the first person that opens its
sentence with no attribution ("Für Hans Göbel aber schon. „Ich habe gemerkt …“") is the
person in focus, named with a first name in its paragraph. A description is the full name of
the person in focus when that person was read with a title or a phrase before the surname
("Generalsekretär Djir-Sarai"), and the tail of a hyphenated compound is no first name
("Tournee-Sieger Hannawald" is Sven Hannawald).

Resolution. A mention that is a pronoun ('.” He said', which name detection may read as a
name) is read as the pronoun. A name stands for its mention's person
(:mod:`pipeline.extract.people` and the gazetteer: a surname is the full name the document
gives); an organisation can speak ("the ministry said in a statement: "...""), so can its
spokesperson ("a WeWork spokesperson", "a spokesman for the Universities and Colleges
Employers' Association (UCEA)": "a" or "an", up to four capitalised words, "spokesperson",
"spokesman", "spokeswoman" or "representative", or after it "for", "the" and the capitalised
name, "of", "and", "for", "the" inside it: the organisation), and so can an institution that
capitalised words before its noun name ("the US military", "the Dallas police department";
military, government, police, army, navy, ministry, department, administration, embassy), as
written. "he"/"she" is the person who opens its own sentence when it follows a quotation
that sentence introduces with a colon ("Claire Dufour, the director, judged it urgent:
"...," she said"; when no person opens it, the one person it names: "haben wir Professor
Hartmut Zohm gefragt: „…“, kommentierte er"), else a speaker or sentence subject of the
two sentences before whose
gender agrees (or is unknown), else a person named in the five sentences before (speaking or
not, never inside a quotation: those are the speaker's words) who agrees: the latest
sentence first and, within a sentence, the first named first (its subject before its
objects). A sentence's subject is a person whose name (after an abbreviated title: "Mr.")
opens it, or opens its main clause after an introductory phrase and a comma ("Following the
show, Simmons teed up ...": a word in lower case, not "and", follows). A "he" or "she" that
opens a sentence nobody speaks in is its subject too, resolved as above ("She spoke with
pride of her nephew."). "they" is an organisation that spoke or opened one of the two
sentences before ("Halden Capital said ..."), with no person named since; else it is no
speaker at all (unnamed officials, a group of people); "it" reads the same ('"...," it said
in a statement' after "The Food Standards
Agency warned ..."). A "he" or "she" after "a spokesperson for X" in the two sentences
before, with no person named since, is X. A role ("the Russian Defence Minister", "the
head of the Russian defence ministry", "the Minister", "the mayor") is the one person the
document gives that role or,
if several hold it, the one most recently in focus (a speaker, or a person who opens a
sentence); a headline's role is the first fitting speaker of the body; an indefinite one
("an official") is nobody: it brings in someone new. A definite description no role matches
('the "Harbor" actor', "the singer and guitarist") is the person latest named right after a
description that ends in the same word ("actor Billy Trent", "singer and guitarist Moira
Kell", "President-elect Maria Olsen" for "the president-elect"); else, if only a person can
be it (an age, "the 56-year-old"; a title word, "the actor"; a title in capitals, "the
Conservative MP"; a noun in -ist, -ian, -man, -person), the latest speaker or subject of the
two sentences before, or for an age the one person those sentences name; else it stays the
speaker as written, unresolved (no other rule then gives the quotation a speaker). An
organisation's description ("the company", "the production company", "the label", "the
agency", "the statement") is the organisation that spoke or opened one of the two sentences
before, the latest; else nobody. German and French
descriptions read the same way after their article ("sagte der Konzernchef von FACC", "le
ministre de la Santé", "die 43-Jährige", "la toxicologue"): a noun only a person can be,
after at most two adjectives, its German compound matching the description before a name
("Landwirtschaftsministerin Ursula Heinen-Esser" for "die Ministerin"); "die" and "la"
are no man, and the person must have a first name (German capitalises nouns: "Elf Tage"
is nobody). A role no one holds ("the coach", no country said) is the person in focus, as a
description is. A name opening with a German article ("Der Vorstandschef") is read as a
description. A name whose first word is no first name ("Tagessieger Lindvik", "von
Hundt") is the person the document names with a first name and that surname, the speaker
cut to the surname; a short first name is the full one the document gives ("Josh Apte" of
"Joshua Apte"). A name of one word has the gender of that first name ("Denis" is no
"elle"). A first name only mostly of one gender ("Charlie", "Mary") fits either
pronoun, but one of the other gender yields to a person of the pronoun's gender named
after them ("Steenburgen's son, filmmaker Charlie McDowell, ..." then "he said" is
not Mary Steenburgen). Each quote records the speaker
as written (``speaker_text``, its span), the resolved full name (``speaker_name``) and the
registry id when there is one (``speaker_entity_id``). Otherwise the speaker stays empty:
nothing is guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, islice, pairwise
from typing import overload

from pipeline.extract import german
from pipeline.extract.entities import (
    Holders,
    Paragraph,
    holdings,
    mentions,
    paragraphs,
    person_of,
    resolve_role,
    title_start,
)
from pipeline.extract.gazetteer import Gazetteer, Role, Word
from pipeline.extract.model import Doc, Mention, Quote
from pipeline.extract.people import (
    Person,
    after_article,
    first_name,
    frequency,
    gender,
    given_gender,
    leaning,
    title_word,
)
from pipeline.extract.quotemarks import (
    FILLER,
    QUOTE_CHARS,
    SMALL_WORDS,
    TITLE_ABBREVIATIONS,
    WORD,
    Found,
    Span,
    after_abbreviation,
    framed,
    sentences,
)
from pipeline.extract.registry import Registry
from pipeline.extract.view import reads_text

_SCARE_WORDS = 3  # at most this many words, and no attribution of its own: a scare quote
_THAT = re.compile(r"\bthat$", re.IGNORECASE)
_TITLE_WORDS = 6  # at most this many words, all capitalised, and no attribution: a title
_PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
_PRONOUN_GENDER |= {"er": "male", "il": "male", "elle": "female", "él": "male", "ella": "female"}
_PRONOUN_GENDER |= {"он": "male", "она": "female"}  # not German "sie": she or they
_PRONOUNS = frozenset([*_PRONOUN_GENDER, "they", "it", "i"])  # "I": the writer or the one asked
_BODY_PRONOUNS = frozenset({"they", "it"})  # an organisation in focus, or nobody
_NAMED_BACK = 5  # nor further back than this is a person named but not in focus
_RECENT = 2  # a pronoun prefers a speaker or subject of the sentence before, or the one before
_QUIET = 6  # sentences a description reaches back to a speaker nobody followed
_CUES_REMEMBERED = 8  # _verb_subject remembers the subjects of the first verbs only
# fmt: off
_ROLE_WORDS = frozenset({
    "the", "a", "an", "his", "her", "its", "top", "senior", "military", "defence", "defense",
    "foreign", "chief", "head", "high-ranking", "government", "state", "of", "for", "and",
    "year", "old",
})
# fmt: on
# fmt: off
_TRAILING = frozenset({
    "also", "further", "later", "then", "again", "earlier", "previously", "reportedly", "too",
    "once", "instead", "has", "had", "have", "was", "is", "would", "will", "been", "himself",
    "herself", "themselves", "itself",
})
# fmt: on
_DESCRIPTION_WORDS = 6  # "lead researcher and NASA planetary scientist" before a name
_DESCRIBED_BACK = 30  # people named before a description that it may stand for
# "the", and the definite articles of German and French ("der Minister", "l’agence")
_THE = re.compile(r"(?<![\w-])(?:(?:the|der|die|das|le|la)\s+|l['’])(?=\S)", re.IGNORECASE)
_ARTICLES = frozenset({"the", "der", "die", "das", "le", "la", "les"})
_FEMININE = frozenset({"die", "la"})  # "die Ministerin"; "der Promi" may be a woman
_BEFORE_NAME = re.compile(r"([\w-]+)\s+$")
_COMPANY = re.compile(
    r"the\s+(?:[a-z-]+\s+){0,2}(?:company|firm|label|agency|group|studio|network|organi[sz]ation"
    r"|statement|report)",
    re.IGNORECASE,
)  # an organisation's description: the one in focus
_SHORT = 60  # characters: no phrase of three words is longer
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WHEN = re.compile(
    rf"\s+(?:(?:on\s+)?(?:{_DAYS})|last\s+(?:week|month|year|night|{_DAYS})|yesterday|today"
    r"|(?:earlier\s+)?this\s+(?:week|month|year|morning))\s*$"
)  # "Mr. Ruano last week said", "Smith on Tuesday said"
_PARTY_TAG = re.compile(r"\s*\([DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\)\s*$")  # "(D-Wis.)"
_AGE = re.compile(r"(?<=[^\W\d_]),\s*\d{1,3},\s*$")  # "Mr. King, 82, told me": after a name
# what stands between a subject and its verb, each read back this many characters, in turn
_TAILS = ((_WHEN, 32), (_PARTY_TAG, 24), (_AGE, 8))
_CAPITALISED = r"[A-Z][\w&.'’-]*"
_INSTITUTION = re.compile(
    rf"[Tt]he\s+(?P<name>(?:{_CAPITALISED}\s+){{1,3}}(?:[a-z]+\s+)?"
    r"(?:military|government|police|army|navy|ministry|department|administration|embassy))"
)  # "the US military", "the Dallas police department": named by the words before the noun
_SPOKES = re.compile(
    rf"\b[Aa]n?\s+(?:(?P<before>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,3}})\s+)?"
    r"(?:spokes(?:person|man|woman)|representative)"
    rf"(?:\s+for\s+(?:the\s+)?(?P<after>{_CAPITALISED}(?:\s+(?:of|and|for|the|{_CAPITALISED}))*))?"
    r"(?:\s*\([^()]*\))?"
)  # "a WeWork spokesperson", "a spokesman for the Home Office (HO)"
_PERSON_NOUN = ("ist", "ian", "man", "woman", "person")
# German and French nouns for a person, by their ending ("Konzernchef", "Ministerin",
# "US-Promi", "Landwirt", "toxicologue", "directrice"): after an article only
# fmt: off
_GERMAN_PERSON = (
    "chef", "chefin", "boss", "er", "in", "or", "promi", "wirt", "experte", "expertin", "ologe",
    "jährige", "jähriger", "präsident", "präsidentin", "vorsitzende", "abgeordnete", "angeklagte",
)
_FRENCH_PERSON = (
    "ministre", "ologue", "iste", "eur", "euse", "rice", "ien", "ienne", "femme", "homme",
    "président", "présidente", "porte-parole", "aire",
)
_FOREIGN_PREPOSITIONS = frozenset({
    "von", "vom", "aus", "der", "des", "bei", "beim", "im", "am", "für", "de", "du", "d", "chez",
})
# fmt: on
_DOER = ("ist", "yst", "er", "or", "ant", "ent", "ian", "man", "woman", "person", "ee", "ive")
# fmt: off
_NOT_DESCRIPTION = frozenset({
    "to", "of", "for", "with", "by", "from", "at", "in", "on", "about", "as", "into", "and",
    "or", "but", "that", "than", "who", "which", "when", "while", "if", "after", "before",
    "later", "never", "ever", "over", "under", "whether", "either", "neither", "together",
    "rather", "however", "other", "another", "he", "she", "they", "it", "we", "him", "them",
    "us", "said", "says", "told", "tells", "asked", "is", "was", "are", "were", "be", "has",
    "have", "had", "will", "would", "can", "could", "not", "also", "then", "her", "whom",
    "percent", "per", "number",
})
# fmt: on
# the phrase after these verbs is who was spoken to, never the speaker ("told the interviewer")
_ADDRESSED = frozenset(
    {"told", "tells", "asked", "asks", "warned", "warns", "urged", "assured", "assures"}
)
_COORDINATION = frozenset({"and", "but", "or", "then"})
_PARENTHETICAL = re.compile(
    r"\s*(?:for (?:his|her|their|its) part|in turn|however|meanwhile|though|in addition)\s*", re.I
)
_SIGNED = re.compile(  # "” — Neil Gaiman", "”\xa0― Pamela Padilla" (a horizontal bar)
    r"[ \t\xa0]*[—–―][ \t\xa0]*(?P<np>[^-–—―:|.,;\n]{1,60}?)[ \t\xa0]*\.?$"
)
_SIGNATURE = re.compile(  # a paragraph of its own: "- Bernie Sanders.", "-Michelle Marks, Phila."
    r"[ \t]*[-—–―][ \t]*(?P<np>[^-–—―:|.,;\n]{1,60}?)[ \t]*(?:,[^\n]{0,80}|\.)?[ \t]*"
)
_TITLE_TAIL = re.compile(r"\s*[-–—:|]\s*(?P<np>[^-–—:|]{1,80}?)\s*$")
_TITLE_HEAD = re.compile(r"(?P<np>[^:]{1,80}?)\s*:\s")
# "He added that", "He added: “", and with its subject after it: "Weiter sagt er: „"
_OWN_SPEECH = re.compile(r"\s+that\b|(?:\s+(?:er|sie|il|elle)\b)?\s*[,:]?\s*[“\"'‘„«]")
_INDEFINITE = re.compile(r"(?:a|an|one)\s", re.IGNORECASE)
_SO = re.compile(  # right after a quotation: German "so" (+ a verb) + name, or + article and role
    r"(?P<cue>so)(?:\s+[a-zäöüß]+t(?:e|en)?)?\s+(?=[A-ZÄÖÜ]|(?P<article>der|die)\s+[A-ZÄÖÜ])"
)
# German words after a subject that follows its verb: "sagte die 43-Jährige darunter",
# "sagte der Konzernchef gegenüber Journalisten"
_GERMAN_TAIL = re.compile(
    r"(?:\s+(?:darunter|dazu|damals|heute|gestern|jetzt|nun|auch|ebenfalls|zudem|weiter|noch"
    r"|später|abschließend|anschließend|(?:gegenüber|am|im|beim|bei|auf|vor|nach|zum|zur)"
    r"\s[^,.;:!?]*|(?:seine[mnr]?|ihre[mnr]?|de[mnr]|eine[mnr]?)\s+[^\s,.;:!?]+\s+zufolge))+\s*$"
)  # "betonte der VW-Boss seinem Redetext zufolge"
# a German sentence that opens with an adverb puts the verb second, the subject third
_V2_OPENER = re.compile(
    r"(?:Schließlich|Dann|Danach|Zugleich|Außerdem|Dabei|Zudem|Anschließend|Jetzt|Nun|Später"
    r"|Trotzdem|Doch|Deshalb|Daher)\s+[a-zäöüß]+\s+(?=[A-ZÄÖÜ])"
)
# a German sentence that opens with a prepositional phrase or an adverb and no comma puts
# its verb second and the subject after it: "Am Montag sagte Petra Hahn", "Dazu erklärte sie"
_FRONTED = re.compile(
    r"(?:(?:Am|Im|In|Beim|Bei|Auf|Nach|Vor|Gegenüber|Mit|Zum|Zur|Seit|Während|Für|Über|Unter"
    r"|Aus|Vom|Von|Wegen|Trotz|Neben)\s[^,.;:!?]{1,60}?|Dazu|Darauf|Danach|Dabei|Damals|Heute"
    r"|Gestern|Später|Zuvor|Zudem|Außerdem|Ausserdem|Weiter|Dann|Jetzt|Nun|Zugleich|Deshalb)\s+"
)
# a German group led by a person: "(die) Forscher um Aneta Afelt", "das Team um Müller"
_LED_BY = re.compile(r"(?:(?:die|das)\s+)?[A-ZÄÖÜ][\w-]*\s+um\s+(?=[A-ZÄÖÜ])")
# German reported speech: a verb in the subjunctive (Konjunktiv I) of the third person
# fmt: off
_SUBJUNCTIVE = re.compile(r"(?<![\w-])(?:" + "|".join((
    "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
    "würde", "würden", "wäre", "wären", "hätte", "hätten",
    "wisse", "gebe", "gehe", "komme", "liege", "stehe", "gelte", "bleibe", "brauche", "fehle",
    "zeige", "sehe", "lasse", "halte", "mache", "finde", "heiße", "heisse", "trage", "biete",
)) + r")(?![\w-])")
# fmt: on
# a document speaks with no verb of its own: "In der Petition heißt es:", "Darin hieß es
# weiter:", "Dans sa lettre, on peut lire :"; who the sentences before say wrote it
_DOCUMENT_SAYS = re.compile(
    r"(?:(?:In|Im|Darin|Dort|Weiter|Zudem|Dans|Sur)\s[^.:!?]{0,80}?)?"
    r"(?:(?:heißt|hieß|heisst|hiess)\s+es|(?:[Oo]n\s+)?(?:peut|pouvait)(?:-on)?\s+lire|lit-on)"
    r"(?![\w-])[^.:!?]{0,60}:\s*"
)
# a French verb with its subject after it: "soupire-t-elle", "a-t-il", "poursuit-il"
_INVERTED = re.compile(r"[^\W\d_]+(?:-t)?-(?P<p>il|elle)(?![\w-])", re.IGNORECASE)
_AFTER_QUOTE = re.compile(r"[,;:،؛]?(?:\s+[—–])?\s+")  # ", said", "», — заявил", "»، گفت"
# German and French adverbs between a verb and its subject ("sagte gestern Ministerin Anna
# Roth", "a déclaré samedi le ministre", "a déclaré à cette occasion le ministre")
_VERB_ADVERB = re.compile(
    r"(?:damals|heute|gestern|jetzt|nun|auch|ebenfalls|zudem|dazu|weiter|noch|später"
    r"|hier|alors|aussi|également|encore|ensuite|enfin|à cette occasion|à son tour"
    r"|(?:ce\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir))\s+"
)
_ADVERB_WORD = re.compile(  # a word in lower case before an article or a capitalised word
    r"([a-zäöüß]+)\s+(?=(?:der|die|das|den|dem|des|ein|eine|einer)\s|[A-ZÄÖÜ])"
)
_GERMAN_PRONOUN = re.compile(r"\s+(?:er|sie)(?![\w-])")  # "antwortete er in einem Interview"
# a German auxiliary or modal verb and its subject pronoun, the clause's bracket then closed
# by the speech verb: "hatte er ... betont:", "wollte sie ... wissen:"
_AUXILIARY_SUBJECT = re.compile(
    r"(?<![\w-])(?:hat|hatte|habe|hätte|ist|war|wird|wurde|würde|soll|sollte|will|wollte"
    r"|kann|konnte|muss|musste|möchte|ließ|lässt)\s+(?P<p>er|sie)(?![\w-])"
)
_NOUN_AFTER = r"\s+(?:[a-zäöüß]+\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)(?![\w-])"
_NEWCOMER = {  # someone not named, by the pronoun's gender: "dieser User", "eine Nutzerin"
    "er": (
        re.compile(r"(?<![\w-])(?:einen|einem|dieser|diesen|diesem)" + _NOUN_AFTER),
        ("er", "ent", "ist", "ant"),
    ),
    "sie": (re.compile(r"(?<![\w-])(?:eine|einer|diese)" + _NOUN_AFTER), ("in",)),
}
# a German quotation in the first person: the speaker in focus speaks
_FIRST_PERSON = re.compile(
    r"(?<![\w-])(?:[Ii]ch|[Ww]ir|[Mm]ir|[Mm]ich|[Uu]ns|[Mm]ein(?:e[nmrs]?)?|[Uu]nser(?:e[nmrs]?)?"
    r")(?![\w-])"
)
_V2_PRONOUN = re.compile(  # a capitalised first word, a verb, its subject pronoun
    r"[A-ZÄÖÜ][^,.;:!?\n]{0,80}?\s(?P<verb>[a-zäöüß]+)\s+(?P<p>er|sie)(?![\w-])"
)
_PRONOUN_WORD = re.compile(r"er|sie")
# fmt: off
_SUBORDINATING = frozenset({  # German subordinating conjunctions: the verb is last after them
    "nachdem", "obwohl", "während", "bevor", "sobald", "solange", "sodass", "falls", "indem",
    "seitdem", "bis", "ehe", "damit", "weshalb", "warum", "wieso", "wobei", "womit", "wie",
    "dass", "als", "wenn", "ob", "weil", "da", "wo", "was", "wer",
})
# fmt: on
_POSSESSIVE_COLON = re.compile(  # "Seine Schlussfolgerung:", "Und ihr Fazit:"
    r"\s*(?:Und\s+)?(?P<p>[Ss]ein|[Ss]eine|[Ii]hr|[Ii]hre)\s+[A-ZÄÖÜ][\w-]*\s*"
)
_POSSESSOR = {"sie": "she", "sein": "er", "seine": "er", "ihr": "she", "ihre": "she"}
_SUBJECT_PRONOUNS = frozenset({"he", "she", "er", "il", "elle"})
_SUBJECT_AFTER = re.compile(r"\s+(?P<p>er|sie|il|elle|he|she)\b(?:\s+\w+)?\s*", re.I)
_COLON_WORDS = 30  # a sentence introducing a quotation with a colon is no longer than this
_APPOSITION_WORDS = 30  # "NAME, <at most this many words>, said"
_AND_TEAM = re.compile(
    r"\s+and\s+(?:his|her|their)\s+(?:[a-z-]+\s+)?"
    r"(?:team|colleagues|co-?authors|co-?workers|researchers)\s*$"
)  # "NAME and his team wrote": NAME
_TEAMS = ("team", "colleagues", "authors", "workers", "researchers")  # how such a phrase ends
_BODY = re.compile(
    rf"\s*(?:(?P<article>the|die|der|das|le|la|les)\s+|(?P<elided>l['’]))?"
    rf"(?P<name>{_CAPITALISED}(?:\s+(?:of|and|for|the|{_CAPITALISED})){{0,4}})\s*"
)  # '"...," Microsoft said', '"...," the Spokesman-Review said'
_GROUP = 5.0  # a word this common (Zipf) is no organisation's name: "Police", "It"
_PLURAL = 3.5  # nor the plural of a word this common: "Analysts", "Critics"
_STATEMENT = re.compile(
    r"\b(?:had|made|issued|gave|released|read|delivered)\s+(?:a|an|the|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<noun>statement|remarks)\b"
)  # "had a more succinct statement": who had it made it
_COLON_QUOTE = re.compile(rf":\s*[{re.escape(QUOTE_CHARS)}]")  # a colon opening a quotation
_VIEWPOINT = re.compile(r"\s*(?:for|für|pour|(?P<in>in))\s+(?=\S)", re.IGNORECASE)
_WORDS = re.compile(r"['’]s?\s+(?:words|view)\b")  # "In Dr. Shadlen's words"
_AS = re.compile(r"\s*as\s+(?=\S)", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s*(?:and|but)(?:\s+then)?\s+(?=\S)", re.IGNORECASE)
_APPOSED_COMMAS = 3  # "NAME, a fellow at X in Munich, Germany, and co-author of Y, said"
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\s")  # "Clinton, who called Sanders, told"
_NAMES_ARE_LISTED = re.compile(r"(?!\s*(?:a|an|the|who)\s)")  # unless this opens it: one comma
_SPLIT_GAP = re.compile(r"\s*,?\s*")
_TOKEN = re.compile(r"\S+")  # what str.split() splits into
_PHRASE_STOP = re.compile(  # not an apostrophe inside a word: "said O'Neill, ..."
    rf"(?!(?<=\w)['’]\w)[,.;:!?()\[\]{QUOTE_CHARS}{FILLER}]"
)
_SOLID = re.compile(r"\S")
_WORD_BEFORE = re.compile(r"(\w+)\s+$")  # the word right before a name
_OBJECT_OF = frozenset(  # a name after one of these is no subject ("a letter to Reid said")
    {
        "to",
        "with",
        "for",
        "from",
        "of",
        "by",
        "about",
        "at",
        "in",
        "on",
        "against",
        "and",
        "or",
        "than",
        "like",
        "as",
        "into",
        "toward",
        "towards",
        "under",
        "over",
        "after",
        "before",
        "behind",
        "between",
        "among",
        "via",
        "per",
    }
)
_SUBORDINATE = frozenset(  # a clause, not the speaker's noun phrase, opens with one
    {
        "after",
        "before",
        "when",
        "while",
        "because",
        "since",
        "as",
        "if",
        "though",
        "although",
        "until",
        "once",
        "where",
    }
)
_SUBORDINATE_OPENS = re.compile(
    r"(?:After|When|While|Although|Though|Because|Since|As|Before|Until|Once|If)\s"
)
_BEFORE_SUBJECT = frozenset({"", "the", "it was", "it is", "it’s", "it's"})  # a cleft: its name
_ONE_NOUN = re.compile(r" [a-z]+ ")  # "Kyiv resident Svitlana Onofryichuk"
_FROM_BODY = re.compile(r" (?:from|of|at) (?:the )?[A-Z]")  # "Lauren Nel from Natural Justice"
_POSSESSED_WORDS = 4  # "Clinton’s top foreign policy aide Jake Sullivan"
_POSSESSIVE = re.compile(r"['’‘]s?\s")  # "Halas‘ Kollege", "Trump’s lawyer"
_CUE_WORD = re.compile(r"[\w-]+")  # no cue can start inside it: a cue follows no such character
_STRIP = " \t\n" + QUOTE_CHARS  # around a noun phrase


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    kind: str  # name, pronoun or role
    person: Person | None = None  # who a name stands for
    type: str = ""  # person or organization, for a name
    role: Role | None = None
    spokes: bool = False  # an organisation that speaks through "a spokesperson for" it


@dataclass(frozen=True)
class _Attribution:
    speaker: _Speaker
    cue: str
    cue_start: int
    cue_end: int
    where: str  # after, before, colon, paragraph or title (the rule that found it)


@dataclass(frozen=True)
class _Attributed:
    attribution: _Attribution
    person: Person | None
    how: str  # name, pronoun, role, or unresolved-...


@dataclass
class _Context:
    """What the speaker rules read: the document's frame text, names, roles and focus."""

    text: str
    view: str  # the raw text with quotations masked and all but title and body blanked
    gazetteer: Gazetteer
    mentions: list[Mention]  # in text order
    held: Holders
    focus: list[tuple[int, Person]] = field(default_factory=list)  # (position, person), in order
    named: list[tuple[int, Person]] = field(default_factory=list)  # the same, and every mention
    bodies: list[tuple[int, Person]] = field(default_factory=list)  # organisations in focus
    spokes: list[tuple[int, Person]] = field(default_factory=list)  # ... by a spokesperson
    sentences: list[int] = field(default_factory=list)  # where the sentences read so far start
    reported: _Attributed | None = None  # who the latest sentence says spoke (no quotation)
    # The subjects of speech verbs already read, by the sentence start and the cues up to the
    # verb (see _verb_subject), and how many times the rules read the focus so far.
    subjects: dict[tuple[int, tuple[Span, ...]], _Speaker | None] = field(default_factory=dict)
    focus_reads: int = 0

    @cached_property
    def starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def ending_at(self) -> dict[int, list[Mention]]:
        found: dict[int, list[Mention]] = {}
        for m in self.mentions:
            found.setdefault(m.end, []).append(m)
        return found

    @cached_property
    def people(self) -> tuple[list[int], list[Mention]]:
        """The mentions of people, and where they start."""
        people = [m for m in self.mentions if m.type == "person"]
        return [m.start for m in people], people

    @cached_property
    def given(self) -> dict[str, list[Person]]:
        """The people the document names with a first name, by their last name."""
        found: dict[str, list[Person]] = {}
        for m in self.people[1]:
            person = person_of(m)
            words = person.name.split()
            if len(words) > 1 and first_name(words[0]) and person not in found.get(words[-1], []):
                found.setdefault(words[-1], []).append(person)
        return found

    @cached_property
    def joined(self) -> frozenset[str]:
        """The names read from the tail of a hyphenated compound ("Sieger Hannawald" of
        "Tournee-Sieger Hannawald"): their first word is no first name."""
        people = self.people[1]
        return frozenset(person_of(m).name for m in people if _compound_tail(self.text, m.start))

    def fullest(self, person: Person, joined: bool = False) -> Person:
        """``person``, or the person named with a first name whose last name ends the name
        when a description or particle stands for the first name ("Tagessieger Lindvik",
        "Youtuber Kehl", "von Hundt"), or in full when the name gives it short ("Josh Apte"
        of "Joshua Apte": a first name that opens the other one)."""
        words = person.name.split()
        if person.entity_id or len(words) < 2:
            return person
        named = self.given.get(words[-1], [])
        joined = joined or person.name in self.joined
        if joined or not first_name(words[0]):  # "Tournee-Sieger Hannawald": no first name
            return named[0] if named else person
        return next((p for p in named if _shortens(words, p.name.split())), person)

    @cached_property
    def cues(self) -> _Cues:
        return _Cues(self.view, self.gazetteer)


@reads_text
def run(doc: Doc, registry: Registry) -> Doc:
    """Fill ``doc.quotes``."""
    doc.quotes = quotations(doc, registry.gazetteer)
    return doc


def quotations(doc: Doc, gazetteer: Gazetteer) -> list[Quote]:
    """Every direct quotation of the title and kept body, in text order, with its speaker."""
    paras = paragraphs(doc)
    quoted, masked, kept = framed(doc.text, tuple(paras))
    gazetteer.read_blanked(masked, doc.text, kept)  # for the quote and citation rules
    names = [
        m
        for m in mentions(doc, gazetteer)
        if not _pronoun(doc.text, m) and not _article(doc.text, m)
    ]
    ctx = _Context(
        doc.text,
        masked,
        gazetteer,
        names,
        Holders(holdings(doc.text, names, gazetteer)),
    )
    attributed = _attribute_all(ctx, paras, quoted)
    speech = [k for k, q in enumerate(quoted) if not _scare(doc.text, q, attributed[k])]
    found, attributed = [quoted[k] for k in speech], [attributed[k] for k in speech]
    quotes: list[Quote] = []
    head: int | None = None  # index of the first part of the quotation going on
    for k, quote in enumerate(found):
        if k and head is not None and _split(ctx, found[k - 1], quote, attributed[k - 1]):
            attributed[k] = attributed[k - 1]
        else:
            head = None
        item = attributed[k]
        attr = item.attribution if item else None
        who = item.person if item else None
        joined = attr is not None and _compound_tail(doc.text, attr.speaker.start)
        if (
            attr and who and (fuller := ctx.fullest(who, joined)) is not who
        ):  # "Tagessieger Lindvik"
            described = joined or not first_name(who.name.split()[0])
            who, attr = fuller, _surname_only(ctx.view, attr) if described else attr
        method = ":".join([quote.family, attr.where, item.how] if item and attr else [quote.family])
        for start, end in quote.parts:
            quotes.append(
                Quote(
                    start,
                    end,
                    who.entity_id if who else "",
                    who.name if who else "",
                    doc.text[attr.speaker.start : attr.speaker.end] if attr else "",
                    attr.speaker.start if attr else None,
                    attr.speaker.end if attr else None,
                    attr.cue if attr else "",
                    method,
                    part_of=head,
                )
            )
            head = len(quotes) - 1 if head is None else head
    return quotes


def _compound_tail(text: str, start: int) -> bool:
    """Whether the name at ``start`` opens with the tail of a hyphenated compound ("Sieger" of
    "der ehemalige Tournee-Sieger Hannawald"): a description, not a first name."""
    return start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()


def _shortens(short: list[str], full: list[str]) -> bool:
    """Whether the name ``short`` is ``full`` with a short form of its first name ("Josh Apte"
    of "Joshua Apte")."""
    return short[1:] == full[1:] and len(full[0]) > len(short[0]) and full[0].startswith(short[0])


def _surname_only(view: str, attr: _Attribution) -> _Attribution:
    """``attr`` with its speaker's span cut to the last word ("Lindvik" of "Tagessieger
    Lindvik")."""
    first, _ = _last_word(view, attr.speaker.start, attr.speaker.end)
    speaker = _Speaker(first, attr.speaker.end, "name", attr.speaker.person, attr.speaker.type)
    return _Attribution(speaker, attr.cue, attr.cue_start, attr.cue_end, attr.where)


def _article(text: str, m: Mention) -> bool:
    """A person's name that opens with a German article ("Der Vorstandschef", read as a name
    before a verb): a description, read as one."""
    return m.type == "person" and text.startswith(("Der ", "Die ", "Das "), m.start)


def _pronoun(text: str, m: Mention) -> bool:
    """A name that is a pronoun ('.” He said', "Sie betonte", read as a name): read as the
    pronoun."""
    return m.end - m.start <= 4 and text[m.start : m.end].lower() in (*_PRONOUNS, "sie")


def frame(doc: Doc) -> str:
    """The title and kept body, quotations masked, the rest blanked: the report's own voice.

    Same length as ``doc.text``, so positions in it are positions in the raw text.
    """
    return framed(doc.text, tuple(paragraphs(doc)))[1]


# --- attribution ------------------------------------------------------------------------


class _Cues:
    """The speech cues of the frame, found once and then read by range.

    A range gives what ``cue_pattern.finditer(view, start, end)`` gives: the cues found in
    the whole frame, except in the last few characters before ``end``, where the frame
    seems to end and a cue may read differently ("says" cut to "say"); those are re-read.
    """

    def __init__(self, view: str, gazetteer: Gazetteer) -> None:
        self._view, self._pattern = view, gazetteer.cue_pattern
        found = list(self._pattern.finditer(view))
        inner = [  # a cue that starts inside another one (after its space), found by a search there
            m
            for f in found
            if not _CUE_WORD.fullmatch(f.group())
            for p in range(f.start() + 1, f.end())
            if (m := self._pattern.match(view, p))
        ]
        self._all = sorted([*found, *inner], key=lambda m: m.start())
        self._starts = [m.start() for m in self._all]
        self._apart = not inner  # then a search from any point finds a run of ``_all``
        self._longest = max(map(len, gazetteer.cues), default=0)

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """What ``cue_pattern.search(view, start, end)`` finds."""
        n = bisect_left(self._starts, start)
        if n < len(self._starts) and self._starts[n] < end - self._longest:
            return self._all[n]
        return self._pattern.search(self._view, max(start, end - self._longest), end)

    def within(self, start: int, end: int) -> Sequence[re.Match[str]]:
        """What ``cue_pattern.finditer(view, start, end)`` finds (not copied: a long
        sentence has many cues and many quotes, each reading those before it)."""
        safe = end - self._longest  # a cue starting before this reads the same up to ``end``
        n = bisect_left(self._starts, start)
        if self._apart:
            found, first, stop = self._all, n, bisect_left(self._starts, safe, n)
        else:
            found = []
            while n < len(self._starts) and self._starts[n] < safe:
                found.append(self._all[n])
                n = bisect_left(self._starts, self._all[n].end(), n + 1)
            first, stop = 0, len(found)
        rest = max(found[stop - 1].end() if stop > first else start, safe)
        return _Chain(found, first, stop, list(self._pattern.finditer(self._view, rest, end)))


class _Chain(Sequence["re.Match[str]"]):
    """``head[first:stop]`` followed by ``tail``, read in place."""

    def __init__(
        self, head: list[re.Match[str]], first: int, stop: int, tail: list[re.Match[str]]
    ) -> None:
        self._head, self._first, self._stop, self._tail = head, first, stop, tail

    def __len__(self) -> int:
        return self._stop - self._first + len(self._tail)

    def __iter__(self) -> Iterator[re.Match[str]]:
        yield from map(self._head.__getitem__, range(self._first, self._stop))
        yield from self._tail

    @overload
    def __getitem__(self, n: int) -> re.Match[str]: ...

    @overload
    def __getitem__(self, n: slice) -> list[re.Match[str]]: ...

    def __getitem__(self, n: int | slice) -> re.Match[str] | list[re.Match[str]]:
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(len(self)))]
        k = n + len(self) if n < 0 else n
        if not 0 <= k < len(self):
            raise IndexError(n)
        k += self._first
        return self._head[k] if k < self._stop else self._tail[k - self._stop]


def _attribute_all(
    ctx: _Context, paras: Sequence[Paragraph], found: Sequence[Found]
) -> list[_Attributed | None]:
    """Attribute every quotation, reading the body in order and the title last."""
    titled = any(p.start <= q.opens < p.end for p in paras if p.title for q in found)
    read_to = max((q.closes for q in found), default=-1) if not titled else len(ctx.view)
    body = [p for p in paras if not p.title and p.start <= read_to]  # nothing later is read
    ordered = [*body, *(p for p in paras if p.title)]
    spans = {id(p): sentences(ctx.view, p.start, p.end) for p in ordered}
    ends = sorted(e for p in ordered for _, e in spans[id(p)])
    para_ends = sorted(p.end for p in ordered)
    opens = sorted((q.opens, k) for k, q in enumerate(found))
    open_at = [pos for pos, _ in opens]
    result: dict[int, _Attributed | None] = {}
    colon: _Attributed | None = None  # "He said:" ending the sentence before, resolved there
    before: _Attributed | None = None  # the speaker who ends the paragraph before
    subject: Span | None = None  # the last sentence of a paragraph with no quotation
    spoke: tuple[int, _Attributed] | None = None  # the latest speaker, and their sentence
    indirect: _Attributed | None = None  # whose reported speech the sentence before goes on
    following = {id(a): b for a, b in pairwise(paras)}
    for p in ordered:
        colon = None if p.title else colon
        last: _Attributed | None = None  # the paragraph's latest attribution
        prior: _Attributed | None = None  # the speaker its sentence before reports
        alone = _only_quotes(ctx.view, p, found, opens, open_at)
        below = following.get(id(p)) if alone and not p.title else None
        signed = _signed_below(ctx, below) if below is not None else None
        for s, e in spans[id(p)]:
            inside = sorted(k for _, k in opens[bisect_left(open_at, s) : bisect_left(open_at, e)])
            for k in inside:
                closes = found[k].closes
                later = bisect_right(ends, closes)
                if later + 1 < len(ends) and ends[later] == closes + 1:
                    nxt = ends[later + 1]  # "...?" he asked: its sentence ended inside the marks
                    same = bisect_right(para_ends, closes) == bisect_left(para_ends, nxt)
                    later += same and not _own_speech(ctx, closes + 1, nxt)
                end = ends[later] if later < len(ends) else e
                attr = _attribution(ctx, found[k], s, end, p.title)
                item = _resolve(ctx, attr, s, p.title) if attr else None
                if _DOCUMENT_SAYS.fullmatch(ctx.view, s, found[k].opens):
                    wrote = (
                        last or prior or before or _author(ctx, s)
                    )  # "In der Petition heißt es:"
                    item = _goes_on(wrote) if wrote is not None else None
                if item is None and colon is not None and found[k].opens == s:
                    item = colon
                if item is None and signed is not None:
                    item = signed  # '"...."' then "- Bernie Sanders."
                opening = alone or _opens_whole(ctx.view, p, found[k])  # "“...” This was ..."
                if item is None and last is None and opening and before is not None:
                    item = _goes_on(before)  # a paragraph that is (or opens with) a quotation
                if item is None and last is None and alone and subject is not None:
                    item = _paragraph_subject(ctx, *subject)  # "Draper meanwhile won ..."
                own = item is None and _german_verb_after(ctx, found[k].closes + 1, end)
                if item is None and last is not None and not own:  # the speaker goes on
                    item = _goes_on(last)
                if item is None and prior is not None and found[k].opens == s:
                    item = _goes_on(prior)  # 'Ruano said it stays. "For me, ..."'
                if item is None and indirect is not None and found[k].opens == s:
                    item = _goes_on(indirect)  # "Das sei ernst, sagte Roth. Er habe ... „…“"
                if item is None and found[k].opens == s and _first_person(ctx, found[k]):
                    item = _in_paragraph(_author(ctx, s), p)  # "Für Hans Göbel aber schon. „Ich …“"

                last = item or last
                result[k] = item
            if not p.title:
                _add_focus(ctx, (s, e), [result[k] for k in inside])
                prior = ctx.reported
                spoke = _latest_speaker(ctx, spoke, [result[k] for k in inside])
                indirect = _reported_on(ctx, spoke, s, e)
                if indirect is not None:  # reported speech keeps its speaker in focus
                    spoke = (len(ctx.sentences), indirect)
            said = _colon_attribution(ctx, s, e) or _closing_cue(ctx, s, e)
            colon = _resolve(ctx, said, s, p.title) if said else None
        n = bisect_left(open_at, p.end) - 1  # the paragraph's last quotation, if it has one
        k = opens[n][1] if n >= 0 and open_at[n] >= p.start else -1
        ended = k >= 0 and result.get(k) is last and _quote_ends(ctx.view, p, found[k])
        before = (
            None if p.title else last if last and (ended or _ends_with(ctx.view, p, last)) else None
        )
        subject = None
        if not p.title and bisect_left(open_at, p.start) == bisect_left(open_at, p.end):
            before = ctx.reported  # no quotation, and its last sentence is reported speech
            if before is None and spans[id(p)]:
                subject = spans[id(p)][-1]  # read only if a paragraph of quotations follows
    return [result.get(k) for k in range(len(found))]


def _paragraph_subject(ctx: _Context, s: int, e: int) -> _Attributed | None:
    """The person who opens a paragraph's last sentence, which has no quotation ("Draper
    meanwhile wrapped up his win ..."): the speaker of a paragraph of quotations after it."""
    opener = _opening_mention(ctx, s, e)
    if opener is None:
        return None
    speaker = _name_speaker(opener)
    attr = _Attribution(speaker, "", opener.start, opener.start, "paragraph")
    return _Attributed(attr, speaker.person, "name")


def _signed_below(ctx: _Context, p: Paragraph) -> _Attributed | None:
    """A paragraph that only signs the quotation paragraph above it, a dash and a person's
    name, maybe a phrase after a comma ("- Bernie Sanders.", "-Michelle Marks,
    Philadelphia."): that person."""
    if p.title or (sign := _SIGNATURE.fullmatch(ctx.view, p.start, p.end)) is None:
        return None
    speaker = _noun_phrase(ctx, sign.start("np"), sign.end("np"), tail=True)
    if speaker is None or speaker.kind != "name" or speaker.type != "person":
        return None
    return _Attributed(
        _Attribution(speaker, "", speaker.start, speaker.start, "signed"), speaker.person, "name"
    )


def _latest_speaker(
    ctx: _Context, spoke: tuple[int, _Attributed] | None, quoted: Sequence[_Attributed | None]
) -> tuple[int, _Attributed] | None:
    """The latest person who spoke, in a quotation or in reported speech, up to the sentence
    just read, with the number of that sentence."""
    said = [q for q in [*quoted, ctx.reported] if q is not None and q.person is not None]
    return (len(ctx.sentences), said[-1]) if said else spoke


def _reported_on(
    ctx: _Context, spoke: tuple[int, _Attributed] | None, s: int, e: int
) -> _Attributed | None:
    """Who a German sentence in the subjunctive of reported speech ("Die Nachfrage sei hoch.")
    goes on reporting: the latest speaker of the last ``_QUIET`` sentences; a quotation that
    opens the next sentence is theirs."""
    if spoke is None or len(ctx.sentences) - spoke[0] > _QUIET:
        return None
    return spoke[1] if _SUBJUNCTIVE.search(ctx.view, s, e) else None


def _author(ctx: _Context, start: int) -> _Attributed | None:
    """Who wrote the document a sentence quotes with no speech verb ("In der Petition heißt
    es:"): the latest speaker or subject of the two sentences before, else the one person
    with a first name they name, at their latest mention before ``start``."""
    person = _in_focus(ctx, _given_name)
    if person is None:
        return None
    starts, people = ctx.people
    named = (m for m in reversed(people[: bisect_left(starts, start)]) if person_of(m) == person)
    mention = next(named, None)
    if mention is None:
        return None
    speaker = _name_speaker(mention)
    return _Attributed(
        _Attribution(speaker, "", speaker.start, speaker.start, "paragraph"), person, "name"
    )


def _first_person(ctx: _Context, quote: Found) -> bool:
    """Whether a German quotation speaks in the first person ("Ich habe gemerkt", "Wir
    freuen uns"): someone's own words, not a title or a slogan."""
    return _FIRST_PERSON.search(ctx.text, quote.opens, quote.closes) is not None


def _in_paragraph(item: _Attributed | None, p: Paragraph) -> _Attributed | None:
    """``item`` if its speaker is named in paragraph ``p`` with a first name ("Ab Dezember
    eröffnet ..." names nobody)."""
    if item is None or item.person is None or not _given_name(item.person):
        return None
    return item if item.attribution.speaker.start >= p.start else None


def _own_speech(ctx: _Context, start: int, end: int) -> bool:
    """Whether the sentence ``view[start:end]`` reports speech of its own, its first cue
    followed by "that" or by a quotation it introduces ('"...." He added that ...', '"...."
    She added: "..."'): it attributes nothing before it."""
    cue = ctx.cues.first(start, end)
    return cue is not None and _OWN_SPEECH.match(ctx.view, cue.end(), end) is not None


def _opens_whole(view: str, p: Paragraph, quote: Found) -> bool:
    """Whether the quotation opens the paragraph and ends its own sentence inside the marks
    ('“We used a trick.” This “trick” was ...', not '“...,” said a dispatcher on ...')."""
    return not view[p.start : quote.opens].strip() and view[quote.closes - 1] in ".?!"


def _only_quotes(
    view: str, p: Paragraph, found: Sequence[Found], opens: list[tuple[int, int]], at: list[int]
) -> bool:
    """Whether the paragraph is nothing but quotations (and the marks around them)."""
    inside = [found[k] for _, k in opens[bisect_left(at, p.start) : bisect_left(at, p.end)]]
    if not inside:
        return False
    chars = list(view[p.start : p.end])
    for q in inside:
        chars[q.opens - p.start : q.closes + 1 - p.start] = " " * (q.closes + 1 - q.opens)
    return not "".join(chars).strip(" \t\n.,")


def _ends_with(view: str, p: Paragraph, item: _Attributed) -> bool:
    """Whether the paragraph ends with the attribution of its last quotation, or with
    one more quotation of the same speaker that it leaves open (one opening mark, and
    nothing closes it: it goes on in the next paragraph)."""
    a = item.attribution
    rest = view[max(a.speaker.end, a.cue_end) : p.end]
    left = [c for c in rest if c in '"“”']
    return a.where in ("after", "before") and (not left or left in (['"'], ["“"]))


def _quote_ends(view: str, p: Paragraph, quote: Found) -> bool:
    """Whether ``quote`` ends the paragraph (nothing but a full stop after its closing mark):
    '"...," Vane said. "Not one."' is followed by Vane's next quotation paragraph."""
    return not view[quote.closes + 1 : p.end].strip(" \t\n.")


def _goes_on(item: _Attributed) -> _Attributed:
    """``item`` for the quotation of a paragraph that continues it."""
    a = item.attribution
    return _Attributed(
        _Attribution(a.speaker, a.cue, a.cue_start, a.cue_end, "paragraph"), item.person, item.how
    )


def _closing_cue(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A sentence that ends in its speech verb ("'Amazing,' Davis said.", "He added."):
    the speaker of a quotation opening the next one."""
    stop = _trim_space(ctx.view, start, end) - 1
    if stop < start or ctx.view[stop] != ".":
        return None
    cues = list(ctx.cues.within(start, stop))
    if not cues or cues[-1].end() != stop:
        return None
    cue = cues[-1]
    if ctx.gazetteer.cues[cue.group().casefold()] != "verb":
        return None
    speaker = _verb_subject(ctx, start, cues)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "colon") if speaker else None


def _attribution(
    ctx: _Context, quote: Found, start: int, end: int, title: bool
) -> _Attribution | None:
    """Who the frame says spoke: after the closing mark (up to ``end``, the end of its
    sentence), before the opening mark (from ``start``, its sentence's start), or a
    headline's tail."""
    attr = _after(ctx, quote.closes + 1, end)
    if attr is None or (
        ctx.view[quote.closes - 1] in ".?!" and _introduces(ctx.view, 0, quote.opens)
    ):
        attr = _before(ctx, start, quote.opens) or attr  # 'X replied, "..." Y quipped, ...'
    if attr is None and title:
        tail = _TITLE_TAIL.match(ctx.view, quote.closes + 1, end)
        head = _TITLE_HEAD.match(ctx.view, start, quote.opens)
        speaker = None
        if tail:
            speaker = _noun_phrase(ctx, tail.start("np"), tail.end("np"))
        elif head:
            speaker = _noun_phrase(ctx, head.start("np"), head.end("np"))
        if speaker is not None:
            return _Attribution(speaker, "", speaker.start, speaker.start, "title")
    if attr is None and not title:  # "“...” — Neil Gaiman" closing its paragraph
        dash = _SIGNED.match(ctx.view, quote.closes + 1, end)
        speaker = _noun_phrase(ctx, dash.start("np"), dash.end("np")) if dash else None
        if speaker is not None and speaker.kind == "name" and speaker.type == "person":
            return _Attribution(speaker, "", speaker.start, speaker.start, "signed")
    return attr


def _introduces(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` ends, white space aside, in a comma or colon that introduces
    a quotation ('Aniston replied, "..."'), read back from ``end`` only over the white space."""
    end = _trim_space(view, start, end)
    return end > start and view[end - 1] in ",:"


def _after(ctx: _Context, pos: int, end: int) -> _Attribution | None:
    """The attribution right after a quote: "..., he said", ", said the minister"."""
    gap = _AFTER_QUOTE.match(ctx.view, pos, end)
    if gap is None:
        return None
    start = gap.end()
    if so := _SO.match(ctx.view, start, end):  # German: „...“, so Scholz.
        speaker = _noun_phrase_from(ctx, so.end(), end)
        if speaker is not None and (speaker.kind == "name" or so.group("article")):
            return _Attribution(speaker, so.group("cue"), so.start(), so.end("cue"), "after")
    if inverted := _INVERTED.match(ctx.view, start, end):  # French: «...», soupire-t-elle.
        speaker = _Speaker(inverted.start("p"), inverted.end("p"), "pronoun")
        return _Attribution(speaker, inverted.group(), inverted.start(), inverted.end(), "after")
    cue = ctx.cues.first(start, end)
    fronts = (cue is None or cue.start() != start) and "," in gap.group()
    if fronts and (fronted := _german_fronted(ctx, start, end)):  # „…“, prognostizierte Brühl.
        return fronted
    if cue is None or ctx.gazetteer.cues[cue.group().casefold()] != "verb":
        return None
    spoken = ctx.view[pos - 2] in ",!?" or "," in gap.group()  # the sentence goes on
    if cue.start() == start:
        speaker = _pronoun_after(ctx, cue) or _noun_phrase_from(ctx, cue.end(), end)
        if speaker is None and not ctx.view[cue.end() : end].strip(" \t.,;!?"):
            speaker = _Speaker(cue.start(), cue.end(), "pronoun")  # "“…”, argumentó."
        if speaker is None and spoken:  # '"...", schrieb die NASA.'
            stop = _PHRASE_STOP.search(ctx.view, cue.end(), end)
            speaker = _unnamed_body(ctx, cue.end(), stop.start() if stop else end, after=True)
    else:
        speaker = _apposed(ctx, start, cue.start())
        if speaker is None and _at_most_words(ctx.view, start, cue.start(), 12):
            speaker = _subject(ctx, start, cue.start())
        if speaker is None and spoken:  # '"...," Microsoft said'
            speaker = _unnamed_body(ctx, start, _trim_trailing(ctx.view, start, cue.start()))
        if speaker is None and spoken:  # '"...," minister of mines Tom Alweendo told'
            speaker = _name_before_verb(ctx, start, cue.start(), after=True)
    if speaker is None:  # '"..." announced in October, said Derek Scissors'
        cue, speaker = _said_name_later(ctx, start, cue, end)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "after") if speaker else None


def _german_fronted(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A German quotation fronted before its reporting clause, a comma after it: the next
    word is the clause's finite verb, whatever verb it is, and its subject follows
    ("„…“, prognostizierte Brühl", "„…“, schmunzelt der neue Landesmeister", "„…“, ließ sie
    wissen"); see :mod:`pipeline.extract.german`."""
    verb = WORD.match(ctx.view, start, end)
    if verb is None or not german.german(verb.group()):
        return None
    if not german.finite_verb(verb.group()) and not _GERMAN_PRONOUN.match(ctx.view, verb.end()):
        return None  # any verb with its subject pronoun after it: "ließ sie"
    if verb.group().startswith("zitier"):  # "zitiert das Handelsblatt Chefin Martina Weimert"
        speaker = _cited(ctx, verb.end(), end)
    else:
        speaker = _pronoun_after(ctx, verb) or _noun_phrase_from(ctx, verb.end(), end)
    if speaker is None:
        return None
    return _Attribution(speaker, verb.group(), verb.start(), verb.end(), "after")


def _cited(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """Who "zitiert" (cites) gives the words of: its object, not its subject (the medium
    that quotes them), so the first person named after it in its clause ("„…“, zitiert T3N
    den leitenden Wissenschaftler John Moody")."""
    stop = _PHRASE_STOP.search(ctx.view, start, end)
    limit = stop.start() if stop else end
    starts, people = ctx.people
    n = bisect_left(starts, start)
    if n == len(people) or people[n].end > limit:
        return None
    return _name_speaker(people[n])


def _german_verb_after(ctx: _Context, pos: int, end: int) -> bool:
    """Whether a German verb follows the quotation and its comma (its own reporting clause,
    whose subject no rule read: "„…“, sagte der Mann am Steuer"): the paragraph's speaker
    does not go on there."""
    gap = _AFTER_QUOTE.match(ctx.view, pos, end)
    verb = WORD.match(ctx.view, gap.end(), end) if gap and "," in gap.group() else None
    if verb is None or not german.german(verb.group()):
        return False
    return german.finite_verb(verb.group()) or verb.group().casefold() in ctx.gazetteer.cues


def _said_name_later(
    ctx: _Context, start: int, cue: re.Match[str], end: int
) -> tuple[re.Match[str], _Speaker | None]:
    """The next cue, if a verb right after a comma within twelve words of ``start`` and
    followed by a name ('"..." announced in October, said Derek Scissors'); else ``cue``."""
    later = ctx.cues.first(cue.end(), end)
    if later is None or ctx.gazetteer.cues[later.group().casefold()] != "verb":
        return cue, None
    comma = _trim_space(ctx.view, start, later.start()) - 1
    if comma < start or ctx.view[comma] != "," or not _at_most_words(ctx.view, start, comma, 12):
        return cue, None
    speaker = _noun_phrase_from(ctx, later.end(), end)
    return (later, speaker) if speaker is not None and speaker.kind == "name" else (cue, None)


def _unnamed_body(ctx: _Context, start: int, end: int, after: bool = False) -> _Speaker | None:
    """Capitalised words, no person's name, that stand between a quotation and its verb
    ('"...," Microsoft said', '"...," Big Machine said'): an organisation the registry does
    not know, named as written. Mid-sentence, a capitalised word is a name. ``after`` the
    verb, words in lower case may follow ('said Microsoft in a statement')."""
    body = (_BODY.match if after else _BODY.fullmatch)(ctx.view, start, end)
    if body is None or (body.end() < end and not ctx.view[body.end()].islower()):
        return None
    if _POSSESSIVE.match(ctx.view, body.end()):
        return None  # "sagt Halas‘ Kollege": whose colleague, not who
    written = " ".join(body.group("name").split())
    first = written.split()[0].lower()
    if first in _NOT_DESCRIPTION or first == "i" or (" " not in written and _a_group(written)):
        return None  # "And I", "It", "Officials"
    if re.fullmatch(_DAYS, written):
        return None  # a time: "said Tuesday"
    if " " not in written and after_article(ctx.view, written):
        return None  # a German noun the text puts after an article: "die Zuversicht"
    foreign = body.group("elided") or (body.group("article") or "the").lower() != "the"
    if foreign and " " not in written and not written.isupper():
        return None  # German nouns are capitalised: "die Ministerin", "die Polizei"; "die NASA"
    return _Speaker(
        body.start("name"), body.end("name"), "name", Person("", written), "organization"
    )


def _a_group(word: str) -> bool:
    """A word for people or a common noun, not a name: "Officials", "Analysts", "Police",
    "It"."""
    low = word.lower()
    return frequency(low) >= _GROUP or (low.endswith("s") and frequency(low[:-1]) >= _PLURAL)


def _apposed(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A name at ``start`` and a phrase in apposition to it up to the verb at ``end``:
    "John Williams, the president of the Federal Reserve Bank of New York, said"."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].start >= end:
        return None
    m = ctx.mentions[n]
    if m.start > start and not (m.type == "person" and _titled(ctx, start, m.start, bare=True)):
        return None  # only titles and descriptions may stand before it: "study author X, ..."
    if m.type == "place" or not ctx.view.startswith(",", m.end):
        return None
    apposition = ctx.view[m.end + 1 : end]
    commas = 1 if _NAMES_ARE_LISTED.match(apposition) else _APPOSED_COMMAS
    if apposition.count(",") > commas or not apposition.rstrip().endswith(","):
        return None
    if not _at_most_words(ctx.view, m.end, end, _APPOSITION_WORDS):
        return None
    return _name_speaker(m)


def _before(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """The reporting verb nearest before the quote in its sentence, and who it says spoke."""
    cues = ctx.cues.within(start, pos)
    if not cues:
        return (
            _viewpoint(ctx, start, pos)
            or _verb_first(ctx, start, pos)
            or _colon_attribution(ctx, start, pos)
            or _statement_introduced(ctx, start, pos)
            or _one_person_introduces(ctx, start, pos)
        )
    cue = cues[-1]
    if ctx.gazetteer.cues[cue.group().casefold()] == "according":
        speaker = _noun_phrase_from(ctx, cue.end(), pos)
    elif _SUBJECT_AFTER.fullmatch(ctx.view, cue.end(), _trim_colon(ctx.view, cue.end(), pos)):
        speaker = _pronoun_after(ctx, cue)  # "Weiter schreibt er:"
    else:  # "Shoigu said ...", or inverted: "continued the minister, '...'"
        speaker = _verb_subject(ctx, start, cues) or _german_pronoun(ctx, start, cue, pos)
        addressed = cue.group().casefold() in _ADDRESSED  # "told the interviewer:"
        if speaker is None and not addressed and _inverted(ctx.view, cue.end(), pos):
            speaker = _noun_phrase_from(ctx, cue.end(), pos)
        if speaker is None:  # "Speaking to the Daily Mail Lacerda claimed:"
            speaker = _name_before_verb(ctx, start, cue.start(), after=False)
    return _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before") if speaker else None


def _one_person_introduces(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence with no speech verb that introduces the quotation with a comma or colon,
    opens with a person's name and names nobody else ("Christie quit—telling a town hall
    meeting in Windham, N.H., “...”"): that person."""
    if not _introduces(ctx.view, start, pos):
        return None
    opener = _opening_mention(ctx, start, pos)
    if opener is None:
        return None
    starts, people = ctx.people
    named = [
        m
        for m in people[bisect_left(starts, start) : bisect_left(starts, pos)]
        if ctx.view[m.start] != FILLER
    ]
    if {person_of(m) for m in named} != {person_of(opener)}:
        return None
    return _Attribution(_name_speaker(opener), "", opener.start, opener.start, "before")


def _viewpoint(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence with no speech verb that opens with whose view it gives and introduces the
    quotation with a comma or colon: "For Ana Ruiz, ...:", "Für Boris Dujakovic stehen ...:",
    "Pour la toxicologue,", "In Dr. Shadlen's words,": that person."""
    opens = _VIEWPOINT.match(ctx.view, start, pos)
    if opens is None or not _introduces(ctx.view, start, pos):
        return None
    speaker = _noun_phrase_from(ctx, opens.end(), pos)
    if speaker is None or speaker.type == "organization" or speaker.kind == "pronoun":
        return None
    if opens.group("in") and not _WORDS.match(ctx.view, speaker.end):
        return None  # "In Washington, ...": a place, or a time
    return _Attribution(speaker, "", speaker.start, speaker.start, "before")


def _verb_first(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence that opens with its speech verb, capitalised, and introduces the quotation
    with a comma or colon ("Said Comey, "..."", "Added Ms. Reyes:"): the speaker after it."""
    verb = WORD.match(ctx.view, start, pos)
    if verb is None or not verb.group()[0].isupper() or not _introduces(ctx.view, start, pos):
        return None
    if ctx.gazetteer.cues.get(verb.group().casefold()) != "verb":
        return None
    speaker = _noun_phrase_from(ctx, verb.end(), pos)
    if speaker is None or speaker.kind != "name":
        return None
    return _Attribution(speaker, verb.group(), verb.start(), verb.end(), "before")


def _statement_introduced(ctx: _Context, start: int, pos: int) -> _Attribution | None:
    """A sentence telling of a statement that introduces the quotation with a comma
    ('Immediately after the vote, Lopez issued a statement, "..."'): who made it."""
    if not _introduces(ctx.view, start, pos):
        return None
    made = _statement_maker(ctx, start, pos)
    return made.attribution if made else None


def _inverted(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is a phrase ending in the only comma or colon in it."""
    end = _trim_space(view, start, end)
    if end == start or view[end - 1] not in ",:":
        return False
    return view.find(",", start, end - 1) < 0 and view.find(":", start, end - 1) < 0


def _colon_attribution(ctx: _Context, start: int, end: int) -> _Attribution | None:
    """A speaker introduced by a colon: "Shoigu: '...'", "He said:" at a paragraph's end."""
    colon = _trim_space(ctx.view, start, end) - 1
    if colon < start or ctx.view[colon] != ":":
        return None
    cues = ctx.cues.within(start, colon)
    if cues:
        cue = cues[-1]
        if _SUBJECT_AFTER.fullmatch(ctx.view, cue.end(), colon):  # "Weiter schreibt er:"
            speaker = _pronoun_after(ctx, cue)
        else:
            speaker = _verb_subject(ctx, start, cues) or _german_pronoun(ctx, start, cue, colon)
        return (
            _Attribution(speaker, cue.group(), cue.start(), cue.end(), "colon") if speaker else None
        )
    speaker = (
        _possessive_colon(ctx, start, colon)
        or _named_before_colon(ctx, start, colon)
        or _colon_subject(ctx, start, colon)
        or _german_colon_subject(ctx, start, colon)
    )
    return _Attribution(speaker, "", colon, colon, "colon") if speaker else None


def _possessive_colon(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """A German possessive and a noun introducing a quotation with a colon ("Seine
    Schlussfolgerung: „…“", "Ihr Fazit:"): the possessor speaks, read as "er" or "sie"."""
    found = _POSSESSIVE_COLON.fullmatch(ctx.view, start, colon)
    return _Speaker(found.start("p"), found.end("p"), "pronoun") if found else None


def _named_before_colon(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """The noun phrase right before a colon with no speech verb ("Shoigu:"); a pronoun there
    only when it is all the sentence says ("He:"), not the object of a clause ("but he
    resents it:")."""
    speaker = _subject(ctx, start, colon)
    if speaker is not None and speaker.kind == "pronoun":
        solid = _SOLID.search(ctx.view, start, colon)
        return speaker if solid is not None and solid.start() == speaker.start else None
    return speaker


def _german_colon_subject(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """A person named after the verb of a German sentence that opens with an adverb
    ("Schließlich schlägt Kardashian die Brücke zur Klimakrise:"), or the pronoun right
    after the verb in second place ("Neben Animus erwähnte er dabei auch Bushido:")."""
    if not _at_most_words(ctx.view, start, colon, _COLON_WORDS):
        return None
    solid = _SOLID.search(ctx.view, start, colon)
    opener = _V2_OPENER.match(ctx.view, solid.start(), colon) if solid else None
    second = _german_second(ctx.view, solid.start(), colon) if solid and not opener else None
    if second is not None:  # "Neben Animus erwähnte er dabei auch Bushido, der …:"
        return _Speaker(second.start(), second.end(), "pronoun")
    if opener is None:
        return None
    n = bisect_left(ctx.starts, opener.end())
    m = ctx.mentions[n] if n < len(ctx.mentions) else None
    return _name_speaker(m) if m and m.start == opener.end() and m.type == "person" else None


def _german_pronoun(ctx: _Context, start: int, cue: re.Match[str], end: int) -> _Speaker | None:
    """The subject pronoun of a German clause that introduces a quotation, where it stands
    in the clause's verb bracket: right after the speech verb, whatever follows it up to the
    colon or comma ("antwortete er in einem Interview der Frankfurter Rundschau:"), or right
    after the auxiliary that opens the bracket its speech verb closes ("In einem Interview
    hatte er mit Blick auf ... noch betont:")."""
    stop = _trim_colon(ctx.view, cue.end(), end)
    if ctx.view.find(",", cue.end(), stop) >= 0:
        return None
    if _GERMAN_PRONOUN.match(ctx.view, cue.end(), stop):
        return _pronoun_after(ctx, cue)
    if _SOLID.search(ctx.view, cue.end(), stop) is not None:
        return None  # the speech verb closes no bracket
    bracket = _AUXILIARY_SUBJECT.search(ctx.view, start, cue.start())
    if bracket is None or ctx.view.find(",", bracket.end(), cue.start()) >= 0:
        return None
    return _Speaker(bracket.start("p"), bracket.end("p"), "pronoun")


def _pronoun_after(ctx: _Context, cue: re.Match[str]) -> _Speaker | None:
    """A subject pronoun right after the verb: "schreibt er", "sagte sie" (German "sie" after
    a verb in the singular only: "sagten sie" is "they said")."""
    after = _SUBJECT_AFTER.match(ctx.view, cue.end())
    if after is None or (after.group("p").lower() == "sie" and cue.group().endswith("en")):
        return None
    return _Speaker(after.start("p"), after.end("p"), "pronoun")


def _trim_colon(view: str, start: int, end: int) -> int:
    """``end`` moved back over white space and one colon or comma before it."""
    end = _trim_space(view, start, end)
    return end - 1 if end > start and view[end - 1] in ",:" else end


def _colon_subject(ctx: _Context, start: int, colon: int) -> _Speaker | None:
    """The subject of a short sentence that introduces a quotation with a colon and no
    speech verb: a person whose name opens it, "he" or "she", or a description that opens
    it ("Buckley, who phoned in, had a similar experience:", "Er räumt jedoch ein:", "Die
    Ministerin zeigte sich offen:")."""
    if not _at_most_words(ctx.view, start, colon, _COLON_WORDS):
        return None
    pronoun = _opening_he(ctx, start, colon)
    if pronoun is not None:
        return pronoun
    opener = _opening_mention(ctx, start, colon)
    if opener is not None:
        return _name_speaker(opener)
    the = _THE.match(ctx.view, start, colon)  # "Die Ministerin zeigte sich offen:"
    words = islice(WORD.finditer(ctx.view, the.end(), colon), 3) if the else ()
    return next((d for w in words if (d := _description(ctx, start, w.end()))), None)


def _verb_subject(
    ctx: _Context, start: int, cues: Sequence[re.Match[str]], last: int = -1
) -> _Speaker | None:
    """The subject of cue ``last`` of ``cues``; a participle or a coordinated verb borrows
    the subject of the verb before it.

    A sentence's verbs are read for the focus and again for a quotation the sentence
    attributes: a subject read without the focus (almost all) is read once.
    """
    n = len(cues) - 1 if last < 0 else last
    if n >= _CUES_REMEMBERED:  # a key that long would cost what it saves
        return _verb_subject_read(ctx, start, cues, n)
    key = (start, tuple(c.span() for c in cues[: n + 1]))
    if key in ctx.subjects:
        return ctx.subjects[key]
    reads = ctx.focus_reads
    subject = _verb_subject_read(ctx, start, cues, n)
    if ctx.focus_reads == reads:  # a function of the text alone
        ctx.subjects[key] = subject
    return subject


def _verb_subject_read(
    ctx: _Context, start: int, cues: Sequence[re.Match[str]], n: int
) -> _Speaker | None:
    while _borrows(ctx, start, cues, n):
        if n == 0:  # the sentence's subject: "Trump said ..., adding:", "He estimated ..., adding:"
            opener = _opening_mention(ctx, start, cues[0].start())
            return _name_speaker(opener) if opener else _opening_he(ctx, start, cues[0].start())
        n -= 1
    if ctx.gazetteer.cues[cues[n].group().casefold()] == "according":
        return None
    floor = cues[n - 1].end() if n else start
    if n and (clause := _relative(ctx.view, start, cues[n].start())) < cues[n - 1].start():
        k = bisect_left([c.start() for c in cues[:n]], clause)
        floor = cues[k - 1].end() if k else start  # the clause's own cues speak for no one here
    subject = _subject(ctx, floor, cues[n].start())
    if n == 0 and _FRONTED.fullmatch(ctx.view, start, cues[0].start()):
        cue = cues[0]  # "Am Montag sagte Petra Hahn:": the verb second, its subject after it
        stop = min(len(ctx.view), cue.end() + _SHORT)
        after = _pronoun_after(ctx, cue) or _noun_phrase_from(ctx, cue.end(), stop)
        return after or subject
    return subject


def _relative(view: str, start: int, end: int) -> int:
    """Where a relative clause closing right before ``end`` opens (", who called Sanders
    shortly after the winner was declared,"), or ``end`` when none does."""
    stop = _trim_space(view, start, end)
    if stop == start or view[stop - 1] != ",":
        return end
    opened = list(_RELATIVE.finditer(view, start, stop - 1))
    if not opened or view.find(",", opened[-1].end(), stop - 1) >= 0:
        return end
    return opened[-1].start()


def _opening_he(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A subject pronoun ("he", "she", "er", "il", "elle") that opens ``view[start:end]``."""
    first = WORD.match(ctx.view, start, end)
    if first is None or first.group().lower() not in _SUBJECT_PRONOUNS:
        return None
    return _Speaker(first.start(), first.end(), "pronoun")


def _borrows(ctx: _Context, start: int, cues: Sequence[re.Match[str]], n: int) -> bool:
    """Whether cue ``n`` is a participle, a verb coordinated with the one before it, or an
    infinitive right after a speech verb ("interjected to say")."""
    if ctx.gazetteer.cues[cues[n].group().casefold()] == "participle":
        return True
    floor = cues[n - 1].end() if n else start
    end = _trim_space(ctx.view, floor, _trim_trailing(ctx.view, floor, cues[n].start()))
    word = end
    while word > floor and not ctx.view[word - 1].isspace():
        word -= 1
    joined = ctx.view[word:end].lower()
    infinitive = joined == "to" and n > 0 and not ctx.view[floor:word].strip()
    return joined in _COORDINATION or infinitive


def _trim_space(view: str, start: int, end: int) -> int:
    """``end`` moved back over white space, not before ``start``."""
    while end > start and view[end - 1].isspace():
        end -= 1
    return end


def _trim_trailing(view: str, start: int, end: int) -> int:
    """``end`` moved back over adverbs and auxiliaries before a verb ("has also"), over
    a time ("last week", "on Tuesday"), over a US legislator's party tag ("(D-Wis.)") and
    over an age ("Mr. King, 82,")."""
    while True:
        for tail, reach in _TAILS:
            found = tail.search(view, max(start, end - reach), end)
            end = found.start() if found else end
        word_end = word = _trim_space(view, start, end)
        while word > start and (view[word - 1].isalnum() or view[word - 1] == "_"):
            word -= 1
        text = view[word:word_end]
        if not text or (
            text.lower() not in _TRAILING and not (text.endswith("ly") and text.islower())
        ):
            return end
        end = word


def _at_most_words(view: str, start: int, end: int, most: int) -> bool:
    """Whether ``view[start:end]`` has at most ``most`` words, read only as far as needed."""
    return next(islice(_TOKEN.finditer(view, start, end), most, None), None) is None


def _subject(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """The noun phrase right before a verb, past an apposition or an insertion (", for his
    part,", ", speaking in Moscow,")."""
    pos = end = _trim_trailing(ctx.view, start, end)
    for _ in range(3):  # the last three comma-separated chunks, last first
        comma = ctx.view.rfind(",", start, pos)
        chunk_start = comma + 1 if comma >= 0 else start
        opener = _AS.match(ctx.view, chunk_start, pos)  # "As analyst Ken Ito wrote, ..."
        chunk_start = opener.end() if opener else chunk_start
        joined = _CONJUNCTION.match(ctx.view, chunk_start, pos)  # ", and then Wallnau continues:"
        chunk_start = joined.end() if joined else chunk_start
        if ctx.view.endswith(_TEAMS, chunk_start, _trim_space(ctx.view, chunk_start, pos)):
            team = _AND_TEAM.search(ctx.view, chunk_start, pos)  # "Paganini and his team wrote"
            pos = team.start() if team else pos
        chunk = ctx.view[chunk_start:pos]
        if chunk.strip() and not _PARENTHETICAL.fullmatch(chunk):
            speaker = _noun_phrase(ctx, chunk_start, pos, tail=True)
            if speaker is not None and speaker.kind in ("role", "description") and comma >= 0:
                before = max(start, ctx.view.rfind(",", start, comma) + 1)
                named = _noun_phrase(ctx, before, comma, tail=True)
                if named is not None and named.kind == "name" and named.type == "person":
                    return named  # "Robertson, the U.S. commander, said": the name
            if speaker is not None or not (chunk.strip()[0].islower() or _german_role(chunk)):
                return speaker
            # an insertion that opens in lower case (", speaking in Moscow,") or with a German
            # noun for a person (", Leiterin des Amtes,"): look before it
        if comma < 0:
            break
        pos = comma
    return None


def _german_role(chunk: str) -> bool:
    """Whether a phrase opens with a German noun for a person and its genitive or
    preposition ("Leiterin des Amtes", "Chef von Siemens")."""
    words = [w.group() for w in islice(WORD.finditer(chunk), 2)]
    if len(words) < 2 or not words[0][0].isupper() or not words[0].endswith(_GERMAN_PERSON):
        return False
    return words[1] in _FOREIGN_PREPOSITIONS


def _noun_phrase(ctx: _Context, start: int, end: int, tail: bool = False) -> _Speaker | None:
    """A name, a pronoun or a role that is ``view[start:end]`` (with ``tail``: that ends it).

    Read from the end, only as far back as the answer needs: a long phrase is no name
    and no role, but it may end in one.
    """
    while end > start and ctx.view[end - 1] in _STRIP:
        end -= 1
    while start < end and ctx.view[start] in _STRIP:
        start += 1
    if start >= end:
        return None
    if (head := _person_of_body(ctx, start, end)) is not None:
        return head
    for m in ctx.ending_at.get(end, ()):
        if m.type not in ("person", "organization"):
            continue
        # a title may stand before a person's name ("Russian Defence Minister Sergei
        # Shoigu", not "an aide to Sergei Shoigu"); "the head of" before an organisation's
        # makes the phrase a role, read below
        titled = tail and m.type == "person" and _titled(ctx, start, m.start, bare=True)
        if titled or _blank_or_the(ctx.view, start, m.start):
            return _name_speaker(m)
    first = WORD.search(ctx.view, start, end)
    if first is None:
        return None
    last = _last_word(ctx.view, start, end)
    alone = last == first.span()
    if ctx.view[last[0] : last[1]].lower() in _PRONOUNS and (tail or alone):
        return _Speaker(last[0], last[1], "pronoun")
    spoken = _spokesperson(ctx, start, end, tail)
    if spoken is not None:
        return spoken
    if tail:  # a role that ends the phrase: it starts after the last word no role has
        other = _other_than_role(ctx, start, end)
        role_from = other + 1 if other >= 0 else start
        words: Iterator[re.Match[str]] = WORD.finditer(ctx.view, max(start, other), end)
    else:
        role_from, words = start, iter([first])
    for w in words:
        if not (w.group()[0].isupper() or w.group().lower() in ("the", "a", "an")):
            continue
        if w.start() >= role_from and (tail or _role_like(ctx, w.start(), end)):
            role = ctx.gazetteer.role(ctx.view[w.start() : end])
            if role is not None:
                named = _person_ending(ctx, w.start(), end)  # "AT&T CEO John Stankey"
                if named is not None:
                    return _name_speaker(named)  # the role is the name's title: the name
                return _Speaker(w.start(), end, "role", role=role)
    return (
        _description(ctx, start, end)
        or _organisation_noun(ctx, start, end)
        or _institution(ctx, start, end)
    )


def _person_ending(ctx: _Context, start: int, end: int) -> Mention | None:
    """A person's name that ends ``view[start:end]`` and starts after ``start``."""
    return next(
        (m for m in ctx.ending_at.get(end, ()) if m.start > start and m.type == "person"), None
    )


def _spokesperson(ctx: _Context, start: int, end: int, tail: bool) -> _Speaker | None:
    """ "a WeWork spokesperson", "a spokesman for the Universities and Colleges Employers'
    Association (UCEA)": the organisation named before or after the word speaks. The phrase
    opens ``view[start:end]``, or with ``tail`` ends it."""
    if ctx.view.find("spokes", start, end) < 0 and ctx.view.find("representative", start, end) < 0:
        return None
    said = _SPOKES.search(ctx.view, start, end)
    if said is None or (said.end() != end if tail else said.start() != start):
        return None
    org = said.span("before") if said.group("before") else said.span("after")
    if org[0] < 0:
        return None
    n = bisect_left(ctx.starts, org[0])
    if n < len(ctx.mentions) and ctx.mentions[n].start < org[1]:
        m = ctx.mentions[n]  # the organisation's name as the entity step read it
        if m.type == "organization":
            return _Speaker(m.start, m.end, "name", person_of(m), m.type, spokes=True)
    written = " ".join(ctx.view[org[0] : org[1]].split())
    return _Speaker(org[0], org[1], "name", Person("", written), "organization", spokes=True)


def _organisation_noun(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the company", "the production company": the organisation latest in focus (that
    spoke or opened a sentence) in the two sentences before; else nobody."""
    if _COMPANY.fullmatch(ctx.view, start, end) is None:
        return None
    ctx.focus_reads += 1
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    if not ctx.bodies or ctx.bodies[-1][0] < recent:
        return None
    return _Speaker(start, end, "name", ctx.bodies[-1][1], "organization")


def _institution(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the US military", "the Dallas police department": an institution named by the
    capitalised words before its noun, as written."""
    found = _INSTITUTION.fullmatch(ctx.view, start, end)
    if found is None:
        return None
    written = " ".join(found.group("name").split())
    return _Speaker(found.start("name"), end, "name", Person("", written), "organization")


def _description(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """ "the singer and guitarist", 'the "Harbor" actor': a definite description (see
    :func:`_described`) is the person latest named right after a description ending in the
    same word ("singer and guitarist Moira Kell", "actor Billy Trent")."""
    the = _THE.match(ctx.view, start, end)
    if the is None:
        return None
    article = ctx.view[the.start() : the.end()].strip().lower()
    if article == "the":
        if not _described(ctx.view[the.end() : end]):
            return None
        noun = _last_word(ctx.view, the.end(), end)
        word = ctx.view[noun[0] : noun[1]]
        if not (word.islower() or title_word(word)) or _SOLID.search(ctx.view, noun[1], end):
            return None
        said = phrase = ""
    else:
        head = _foreign_head(ctx.view, the.end(), end)
        if head is None:
            return None
        (word, end), said = head, _described_gender(article, head[0])
        if said == "female" and word.endswith("er"):
            return None  # "die Forscher": plural
        phrase = " ".join(ctx.view[the.end() : end].split())  # "ministre de la Santé"
    starts, people = ctx.people
    n = bisect_left(starts, start)
    back = people[max(0, n - _DESCRIBED_BACK) : n]
    if phrase not in ("", word):  # the whole description first: "le ministre de la Santé X"
        for m in reversed(back):
            if _phrase_before(ctx.view, m.start, phrase):
                return _Speaker(the.start(), end, "description", person_of(m), "person")
    for m in reversed(back):
        before = _BEFORE_NAME.search(ctx.view, max(0, m.start - 40), m.start)
        if before is not None and _same_noun(before.group(1), word):
            return _Speaker(the.start(), end, "description", person_of(m), "person")
    person = (
        _in_focus(ctx, _anyone if _age(word) else None) if said or _a_person_noun(word) else None
    )
    if person is not None and not _agrees(person, said):
        person = None  # "die Ministerin" is no man, "der Vorstandschef" no woman
    if person is None and (said or _a_person_noun(word)):
        person = _quiet_focus(ctx, said)  # "sagt Machtlinger. [...] „…“, berichtet der Chef"
    if person is not None and said != "":  # "Zum Beispiel Hannawald": Sven Hannawald
        person = ctx.fullest(person)
    if person is not None and said != "" and not first_name(person.name.split()[0]):
        person = None  # German capitalises nouns: "Elf Tage" is no person for "der Hamburger"
    if person is None and (said or not _a_person_noun(word)):
        return None
    # a person no one named fits ("the late night host"): they spoke, but who is unknown
    return _Speaker(the.start(), end, "description", person, "person")


def _phrase_before(view: str, start: int, phrase: str) -> bool:
    """Whether the words right before ``start`` are ``phrase``, a German or French description
    with its complement ("le ministre de la Santé Roman Prymula" for "le ministre de la
    Santé")."""
    words = phrase.split()
    before = view[max(0, start - len(phrase) - 2 * len(words)) : start].split()[-len(words) :]
    return [w.casefold() for w in before] == [w.casefold() for w in words]


def _described_gender(article: str, word: str) -> str:
    """The gender a German or French description gives: "die" and "la" a woman, "der" with
    a noun in its masculine form a man ("der Vorstandschef"; not "der Promi", "der Star"),
    else ``"any"``."""
    if article in _FEMININE:
        return "female"
    masculine = article == "der" and not word.lower().endswith(("in", "promi", "star"))
    return "male" if masculine else "any"


def _agrees(person: Person, said: str) -> bool:
    """Whether ``person``'s first name allows the gender a description gives."""
    return said not in ("male", "female") or _gender(person.name) in ("", said)


def _same_noun(before: str, word: str) -> bool:
    """Whether the description before a name (``before``) ends in the noun ``word``: the
    same word, capitalised or not ("President-elect Donald Trump" for "the president-elect"),
    or for a German noun the end of a compound ("NRW-Landwirtschaftsministerin" for
    "Ministerin")."""
    if word[0].isupper() and not before.isupper():
        return before.casefold().endswith(word.casefold())
    return before == word or before == word.capitalize()


def _foreign_head(view: str, start: int, end: int) -> tuple[str, int] | None:
    """The noun of a German or French description after its article, and where the
    description ends: the first word that only a person can be, after at most two
    adjectives, and followed by nothing or by a preposition and its word ("der Konzernchef
    von FACC", "le ministre de la Santé", "la jeune femme", "die 43-Jährige")."""
    words = list(islice(WORD.finditer(view, start, end), 5))
    for n, w in enumerate(words[:3]):
        word = w.group()
        endings = _GERMAN_PERSON if word[0].isupper() else _FRENCH_PERSON
        if _a_person_noun(word) or word.lower().endswith(endings):
            if n + 1 == len(words):
                return word, w.end()
            if words[n + 1].group().lower() in _FOREIGN_PREPOSITIONS:
                rest = words[n + 2 :]  # its word: "von FACC", "de la Santé"
                while len(rest) > 1 and rest[0].group().lower() in _ARTICLES:
                    rest = rest[1:]
                return word, (rest[0] if rest else words[n + 1]).end()
        elif not word.islower():
            return None  # a name or a noun that is no person's
    return None  # "le Premier ministre": the noun is the last of them


def _foreign_described(phrase: str) -> bool:
    """A German or French description with its article: "la toxicologue", "der Youtuber"."""
    the = _THE.match(phrase)
    if the is None or phrase[: the.end()].strip().lower() == "the":
        return False
    head = _foreign_head(phrase, the.end(), len(phrase))
    return head is not None and not phrase[head[1] :].strip()


def _age(word: str) -> bool:
    """An age as a noun: "56-year-old", "die 43-Jährige"."""
    return word.lower().endswith(("-old", "-jährige", "-jähriger"))


def _a_person_noun(word: str) -> bool:
    """An age ("56-year-old"), a title word ("actor", "coach") or a noun that only a person
    can be ("economist", "historian", "spokeswoman"); not "the statement", "the letter"."""
    return _age(word) or title_word(word) or word.endswith(_PERSON_NOUN)


def _in_focus(ctx: _Context, named: Callable[[Person], bool] | None) -> Person | None:
    """The person in focus for a description no name was introduced with ("the actor", "the
    56-year-old"): the latest speaker or subject of the two sentences before; with
    ``named``, else the one person named in them that it accepts. Nobody if none spoke (and,
    with ``named``, they name several or none it accepts)."""
    ctx.focus_reads += 1
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    if ctx.focus and ctx.focus[-1][0] >= recent:
        return ctx.focus[-1][1]
    if named is None:
        return None
    found = {e for _, e in ctx.named[bisect_left(ctx.named, recent, key=_position) :] if named(e)}
    return found.pop() if len(found) == 1 else None


def _anyone(person: Person) -> bool:
    return True


def _given_name(person: Person) -> bool:
    """Whether ``person``'s name opens with a first name (no description: "Tagessieger")."""
    return person.name[:1].isupper() and bool(first_name(person.name.split()[0]))


def _quiet_focus(ctx: _Context, said: str) -> Person | None:
    """The latest speaker or subject of the last ``_QUIET`` sentences whose gender agrees with
    the description's (``said``, or none in English) if nobody else who agrees was named
    since: German reporting goes on for sentences in reported speech before a description
    names the speaker again, English advice for sentences before "the expert explains"."""
    recent = ctx.sentences[-_QUIET] if len(ctx.sentences) >= _QUIET else 0
    latest = next((e for e in reversed(ctx.focus) if e[0] < recent or _agrees(e[1], said)), None)
    if latest is None or latest[0] < recent:
        return None
    pos, person = latest
    since = ctx.named[bisect_left(ctx.named, pos, key=_position) :]
    return person if all(e == person or not _agrees(e, said) for _, e in since) else None


def _blank_or_the(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` is blank or, but for space, a definite article in any
    case ("the", "die NASA", "l’EPA")."""
    solid = _SOLID.search(view, start, end)
    if solid is None:
        return True
    the = _THE.match(view, solid.start(), end + 1)  # the space or letter after it, too
    return the is not None and the.end() >= end


def _last_word(view: str, start: int, end: int) -> Span:
    """The span of the last match of ``WORD`` in ``view[start:end]`` (there is one)."""
    last = end
    while not _word_char(view[last - 1]):
        last -= 1
    first = last
    while first > start and _word_char(view[first - 1]):
        first -= 1
    return first, last


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’-"


def _noun_phrase_from(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A name (after its titles, if any), a pronoun or a role that starts at ``start`` and runs
    to punctuation."""
    stop = _PHRASE_STOP.search(ctx.view, start, end)
    while stop and stop.group() == "." and after_abbreviation(ctx.view, start, stop.start()):
        stop = _PHRASE_STOP.search(ctx.view, stop.end(), end)  # "Dr. Adeyemi", "Sen. Sasse"
    limit = stop.start() if stop else end
    solid = _SOLID.search(ctx.view, start, limit)
    while solid and (
        adverb := _VERB_ADVERB.match(ctx.view, solid.start(), limit)
        or _german_adverb(ctx.view, solid.start(), limit)
    ):
        solid = _SOLID.search(ctx.view, adverb.end(), limit)  # "erklärte damals Morten Hundt"
    first = solid.start() if solid else limit  # a name must start here, with only space before
    led = _LED_BY.match(ctx.view, first, limit)
    if led is not None:
        first = led.end()  # the group's leader speaks for it: "schreiben Forscher um Afelt"
    for n in range(bisect_left(ctx.starts, first), len(ctx.mentions)):
        m = ctx.mentions[n]
        if m.start >= limit:
            break
        if m.end > limit and not (m.start == first and m.type == "person" and m.end <= end):
            continue  # a name read whole goes on over a mark: "sagte Daniela „Danni“ Büchner"
        if _modifier(ctx.view, m.end) or _noun_before_name(ctx, n, limit):
            continue  # "said Maryland-based lawyer Jim Dunham": no name but a modifier
        if m.start == first and m.type == "place":
            return None  # "said Tehran would ...": the place is what is reported on
        if m.start == first and _POSSESSIVE.match(ctx.view, m.end):
            return _possessed(ctx, first, m.end, end)  # "sagt Halas‘ Kollege Peter Nordlander"
        if m.start == first or (m.type == "person" and _titled(ctx, first, m.start)):
            return _name_speaker(m)  # "said Mayor Anna Keller", "according to Dr. Adeyemi"
    tail = _GERMAN_TAIL.search(ctx.view, first, limit)  # "sagte die 43-Jährige darunter"
    described = _described_name(ctx, first, limit) or (
        _described_name(ctx, first, tail.start()) if tail else None
    )  # "meint der Drittplatzierte Kess nach dem Rennen"
    if described is not None:
        return _name_speaker(described)  # "a prévenu le commissaire européen Pierre Moscovici"
    speaker = _noun_phrase(ctx, first, limit)  # "a déclaré à cette occasion le ministre"
    if speaker is None and tail is not None:
        speaker = _noun_phrase(ctx, first, tail.start())
    if speaker is None and stop is not None and stop.group() == "," and solid is not None:
        return _named_after(ctx, stop.end(), end)  # "according to his aunt, Jane Starner,"
    if (
        speaker is not None
        and speaker.kind == "description"
        and _foreign_described(ctx.view[speaker.start : speaker.end])
    ):  # "so die Sprecherin der Stadt, Eva Schmid": the name, not who was in focus
        apposed = _named_after(ctx, stop.end(), end) if stop and stop.group() == "," else None
        return apposed or speaker
    return speaker


def _german_adverb(view: str, start: int, end: int) -> re.Match[str] | None:
    """A German adverb between a verb and its subject, an article or a capitalised word
    after it ("meint derweil der Drittplatzierte Kess"): any German word but a preposition
    (:func:`pipeline.extract.german.adverb`), no word list."""
    word = _ADVERB_WORD.match(view, start, end)
    return word if word is not None and german.adverb(word.group(1)) else None


def _possessed(ctx: _Context, first: int, start: int, end: int) -> _Speaker | None:
    """The person a possessive's description names ("Halas‘ Kollege Peter Nordlander",
    "Clinton’s top foreign policy aide Jake Sullivan": the possessor at ``first``, the
    possessive at ``start``), that name after at most four words and no function word or
    punctuation, or after a description (:func:`_titled`), or in apposition after a comma
    ("Trump’s campaign manager, Paul Manafort"); else nobody: the possessor is not the
    speaker ("sagt Halas‘ Kollege")."""
    n = bisect_left(ctx.starts, start + 1)
    if n == len(ctx.mentions) or ctx.mentions[n].type != "person" or ctx.mentions[n].end > end:
        return None
    m = ctx.mentions[n]
    between = ctx.view[start : m.start]
    words = WORD.findall(between)[1:] if between[1:2] == "s" else WORD.findall(between)
    if (stop := _PHRASE_STOP.search(between, 1)) is not None:  # "Trump’s lawyer, Rudy Giuliani"
        apposed = stop.group() == "," and not _SOLID.search(between, stop.end())
        apposed = apposed and len(words) <= _POSSESSED_WORDS
        return _named_after(ctx, start + stop.end(), end) if apposed else None
    short = 0 < len(words) <= _POSSESSED_WORDS
    short = short and not any(w.lower() in _NOT_DESCRIPTION for w in words)
    return _name_speaker(m) if short or _titled(ctx, first, m.start) else None


def _described_name(ctx: _Context, start: int, end: int) -> Mention | None:
    """The name a German or French description with its article goes on to ("le commissaire
    à l’économie Pierre Moscovici", "der Vorsitzende des Vereins Hans Ulm"): a noun only a
    person can be among its first three words, at most six words before a name with a first
    name, and no preposition right before it ("l’avocat de Pierre Moscovici" is not him)."""
    the = _THE.match(ctx.view, start, end)
    end = _trim_space(ctx.view, start, end)
    named = _person_ending(ctx, start, end) if the else None
    if named is None or ctx.view[the.start() : the.end()].strip().lower() == "the":
        return None
    words = [w.group() for w in WORD.finditer(ctx.view, the.end(), named.start)]
    given = ctx.view[named.start : named.end].split()
    named_in_full = first_name(given[0]) or (len(given) == 1 and given[0] in ctx.given)
    if not words or len(words) > _DESCRIPTION_WORDS or not named_in_full:
        return None
    if words[-1].lower() in _FOREIGN_PREPOSITIONS | {"à", "au", "aux", "pour", "avec", "um"}:
        return None
    endings = (_GERMAN_PERSON, _FRENCH_PERSON)
    heads = (_a_person_noun(w) or w.lower().endswith(endings[w.islower()]) for w in words[:3])
    return named if any(heads) or _nominalised(the.group(), words[0]) else None


def _nominalised(article: str, word: str) -> bool:
    """Whether ``word`` after a German article is an adjective used as a noun, which
    stands for a person before a name ("der Drittplatzierte Kess", "die Vorsitzende")."""
    return article.strip().lower() in ("der", "die") and word[0].isupper() and word.endswith("e")


def _modifier(view: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the first half of a compound modifier, a hyphen
    and a lower-case word ("Maryland-based", "Google-owned")."""
    return view.startswith("-", end) and view[end + 1 : end + 2].islower()


def _name_before_verb(ctx: _Context, floor: int, verb: int, after: bool) -> _Speaker | None:
    """A person's full name right before the speech verb, its subject: after a quotation
    that a comma ends, unless a preposition or "and" comes right before it or a
    conjunction opens the phrase ('“…,” minister of mines and energy Tom Alweendo told The
    Namibian', not '“…,” after Clinton spokesman Brian Fallon expressed'); elsewhere only
    after a word in capitals ("Speaking to the Daily Mail Lacerda claimed:"), since a verb
    second has a name in front that is no subject ("Im Gespräch mit Merkel sagte er")."""
    end = _trim_space(ctx.view, floor, verb)
    for m in ctx.ending_at.get(end, ()):
        if m.type != "person" or m.start < floor or " " not in person_of(m).name:
            continue
        word = _WORD_BEFORE.search(ctx.view, floor, m.start)
        if word is None:  # the name alone: the rules before read it ("But Then" is nobody)
            continue
        if after:
            opens = WORD.search(ctx.view, floor, m.start)
            joined = opens is not None and opens.group().lower() in _SUBORDINATE
            if not joined and word.group(1).lower() not in _OBJECT_OF:
                return _name_speaker(m)
        elif word.group(1)[0].isupper():
            return _name_speaker(m)
    return None


def _noun_before_name(ctx: _Context, n: int, limit: int) -> bool:
    """Whether mention ``n`` modifies a noun that a person's name follows before ``limit``
    ("said Kyiv resident Svitlana Onofryichuk", "Obama adviser David Axelrod"): the name
    after the noun is the speaker."""
    if n + 1 >= len(ctx.mentions):
        return False
    m, nxt = ctx.mentions[n], ctx.mentions[n + 1]
    return (
        nxt.type == "person"
        and nxt.end <= limit
        and bool(_ONE_NOUN.fullmatch(ctx.view, m.end, nxt.start))
    )


def _person_of_body(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A phrase that opens with a person's name, then where they are from ("Lauren Nel from
    Natural Justice in Cape Town", "David French of the National Retail Federation"): that
    person, not the place or organisation that ends the phrase."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].start != start:
        return None
    m = ctx.mentions[n]
    if m.type != "person" or not _FROM_BODY.match(ctx.view, m.end, end):
        return None
    return _name_speaker(m)


def _named_after(ctx: _Context, start: int, end: int) -> _Speaker | None:
    """A person's name in apposition: all of ``view[start:]`` up to punctuation."""
    n = bisect_left(ctx.starts, start)
    if n == len(ctx.mentions) or ctx.mentions[n].type != "person":
        return None
    m = ctx.mentions[n]
    if _SOLID.search(ctx.view, start, m.start) is not None:
        return None
    after = _SOLID.search(ctx.view, m.end, end)
    return _name_speaker(m) if after is None or after.group() in ",.;:" else None


def _role_word(g: Gazetteer, w: Word) -> bool:
    """Whether a word can belong to a role ("the top military official", "43-year-old")."""
    return (
        w.text[0].isupper()
        or w.text.isdigit()
        or w.key in g.title_words
        or w.key in g.demonyms
        or w.text.lower() in _ROLE_WORDS
        or title_word(w.text)
    )


def _role_like(ctx: _Context, start: int, end: int) -> bool:
    """Whether every word of the phrase can belong to a role ("the top military official")."""
    return _other_than_role(ctx, start, end) < 0


def _titled(ctx: _Context, start: int, end: int, bare: bool = False) -> bool:
    """Whether ``view[start:end]`` may stand before a name: a role ("Russian Defence Minister")
    or a short description ending in a word for what someone does ("veteran energy analyst",
    "the 22nd-seeded"): see :func:`_described`; with ``bare`` (before a subject) also
    :func:`_bare`."""
    phrase = ctx.view[start:end]
    return (
        _role_like(ctx, start, end)
        or _described(phrase)
        or _foreign_described(phrase)
        or _qualified(phrase)
        or (bare and _bare(phrase))
    )


def _bare(phrase: str) -> bool:
    """A subject's description of at most three words with no function word, verb in -ed
    or -s ("Former chief whip Mark Harper told him"; not "Reporters asked Mark Harper"),
    after whose it is ("Qureshi's Chinese counterpart Wang Yi said")."""
    ws = WORD.findall(phrase) if len(phrase) <= _SHORT else []
    ws = ws[1:] if ws and ws[0].endswith(("'s", "’s")) else ws
    return 0 < len(ws) <= 3 and not any(
        w.lower() in _NOT_DESCRIPTION or _past(w) or w.lower().endswith("s") for w in ws
    )


def _described(phrase: str) -> bool:
    """A description of at most ``_DESCRIPTION_WORDS`` words whose last word names what a
    person does (a title word, or a noun ending like "analyst", "singer", "actor",
    "spokesman") or ranks them ("14th-ranked"), and none of which is a function word or a
    verb in the past ("an aide to", "the court sentenced"), but for an "and" between two
    such words ("singer and guitarist")."""
    ws = WORD.findall(phrase)
    if not ws or len(ws) > _DESCRIPTION_WORDS:
        return False
    for before, w in zip(["", *ws], ws, strict=False):
        joins = w.lower() == "and" and _doer(before)  # "singer and guitarist"
        if (w.lower() in _NOT_DESCRIPTION and not joins) or _past(w):
            return False
    return "-" in ws[-1] or _doer(ws[-1])


def _qualified(phrase: str) -> bool:
    """ "a skeptical", "an emotional": "a" or "an" and one or two lower-case words, none a
    function word, that may stand before a name ("said a skeptical Robert Wolfarth")."""
    ws = WORD.findall(phrase) if len(phrase) <= _SHORT else []
    return (
        1 < len(ws) <= 3
        and ws[0].lower() in ("a", "an")
        and all(w.islower() and w not in _NOT_DESCRIPTION for w in ws[1:])
    )


def _doer(word: str) -> bool:
    """A title word, or a noun for what someone does ("analyst", "singer", "actor")."""
    low = word.lower()
    return title_word(low) or (len(low) > 4 and low.endswith(_DOER) and low not in _NOT_DESCRIPTION)


def _past(word: str) -> bool:
    """A lower-case word ending in "-ed" and not hyphenated: likely a verb ("hired")."""
    return word.islower() and "-" not in word and word.endswith("ed")


def _other_than_role(ctx: _Context, start: int, end: int) -> int:
    """Where the last word of ``view[start:end]`` that cannot belong to a role starts (-1 if
    none), reading back from the end in growing windows."""
    g, width = ctx.gazetteer, 64
    while True:
        low = max(start, end - width)
        ws = g.words(ctx.view, low, end)
        if low > start and ws and ws[0].start == low and ctx.view[low - 1].isalnum():
            ws = ws[1:]  # the window cut this word: the next window reads it whole
        other = next((w.start for w in reversed(ws) if not _role_word(g, w)), -1)
        if other >= 0 or low == start:
            return other
        width *= 4


# --- resolution ---------------------------------------------------------------------------


def _name_speaker(m: Mention) -> _Speaker:
    return _Speaker(m.start, m.end, "name", person_of(m), m.type)


def _resolve(ctx: _Context, attr: _Attribution, before: int, title: bool) -> _Attributed | None:
    """Who the attribution's speaker stands for, and how it was found; None for a "they"
    that stands for no organisation (unnamed officials, a group of people)."""
    speaker = attr.speaker
    if speaker.kind in ("name", "description"):
        return _Attributed(attr, speaker.person, speaker.kind)
    focus: Iterator[Person]  # read lazily: most of it is seldom needed
    if title:  # a headline is read before the body: the body's speakers, first first
        focus = (e for _, e in ctx.focus)
    else:  # the person most recently in focus first, this sentence excluded
        focus = (e for pos, e in reversed(ctx.focus) if pos < before)
    recent = ctx.sentences[-_RECENT] if len(ctx.sentences) >= _RECENT else 0
    written = ctx.view[speaker.start : speaker.end].lower()
    if speaker.kind == "pronoun" and written in _BODY_PRONOUNS:
        body = _body_since(ctx, ctx.bodies, recent, before, title)
        return _Attributed(attr, body, "pronoun") if body else None
    if speaker.kind == "pronoun":
        if written == "i":  # the writer, or the one an interview asks: nobody the text names
            return _Attributed(attr, None, "unresolved-pronoun")
        spokes = (
            _body_since(ctx, ctx.spokes, recent, before, title)
            if written in _PRONOUN_GENDER
            else None
        )
        if spokes is not None:  # "a spokesperson for X said ..." then '"...," he said'
            return _Attributed(attr, spokes, "pronoun")
        if written in _NEWCOMER and _newcomer(ctx, written, speaker.start):
            return _Attributed(attr, None, "unresolved-pronoun")  # "dieser User": nobody named
        written = _POSSESSOR.get(written, written)  # "sie" after a verb in the singular, "Sein"
        said = _pronoun_gender(written)
        # a subject left out must be someone whose first name says a gender: not "Floresta"
        known = ("", "male", "female") if written in _PRONOUN_GENDER else ("male", "female")
        subjects = ((pos, e) for pos, e in reversed(ctx.focus) if recent <= pos < before)
        if attr.where == "after" and (opener := _introducer(ctx, before, speaker.start)):
            subjects = chain([(opener.start, person_of(opener))], subjects)
        named = _first_named(ctx, before)
        fits = None
        if not title:  # a recent speaker or subject, else the person named latest, who fits
            candidates = (
                (pos, p)
                for pos, p in chain(subjects, named)
                if (g := _gender(p.name)) in known and g in ("", said or g)
            )
            first = next(candidates, None)
            if first is not None and said and leaning(first[1].name) not in ("", said):
                # "Charlie" is mostly a man's name: a "he" prefers a man named after him
                first = next(
                    (c for c in candidates if c[0] > first[0] and said in _genders(c[1])), first
                )
            fits = first[1] if first else None
        if fits is not None:
            return _Attributed(attr, fits, "pronoun")
        return _Attributed(attr, None, "unresolved-pronoun")
    assert speaker.role is not None
    if _INDEFINITE.match(ctx.view, speaker.start):  # "an official": someone not named before
        return _Attributed(attr, None, "unresolved-role")
    person = resolve_role(speaker.role, ctx.held, focus)
    if person is None and not speaker.role.country and _THE.match(ctx.view, speaker.start):
        person = _in_focus(ctx, None)  # nobody holds it: "the coach" is who is in focus
    return _Attributed(attr, person, "role" if person else "unresolved-role")


def _newcomer(ctx: _Context, pronoun: str, end: int) -> bool:
    """Whether the sentence before a German pronoun at ``end`` (or its own, before it) brings
    in someone unnamed of the pronoun's gender, an indefinite or demonstrative article and a
    noun for a person ("nahm dieser User aufs Korn", "erinnerte einen User an den Film",
    "eine Nutzerin"), no person named after: the pronoun is that newcomer, nobody the text
    names."""
    n = bisect_left(ctx.sentences, end)
    since = ctx.sentences[n - 1] if n else 0
    article, endings = _NEWCOMER[pronoun]
    found = [m for m in article.finditer(ctx.view, since, end) if m.group("noun").endswith(endings)]
    if not found:
        return False
    starts, people = ctx.people
    named = people[bisect_left(starts, found[-1].end()) : bisect_left(starts, end)]
    return all(ctx.view[m.start] == FILLER for m in named)  # inside a quotation: no antecedent


def _introducer(ctx: _Context, start: int, end: int) -> Mention | None:
    """The person who opens a sentence that introduces a quotation with a colon ("Claire
    Dufour, the director, judged it urgent: "...," she said"), the colon before ``end``;
    else the one person that introduction names ("haben wir Professor Hartmut Zohm gefragt:
    „…“, kommentierte er")."""
    colon = _COLON_QUOTE.search(ctx.view, start, end)
    if colon is None:
        return None
    opener = _opening_mention(ctx, start, colon.start())
    if opener is not None:
        return opener
    starts, people = ctx.people
    named = [  # not inside a quotation: the speaker's words
        m
        for m in people[bisect_left(starts, start) : bisect_left(starts, colon.start())]
        if ctx.view[m.start] != FILLER
    ]
    return named[0] if len({person_of(m) for m in named}) == 1 else None


def _body_since(
    ctx: _Context, bodies: list[tuple[int, Person]], recent: int, before: int, title: bool
) -> Person | None:
    """The latest of ``bodies`` in focus from ``recent`` up to ``before``, with no person
    named since; none in a headline."""
    body = next(((pos, e) for pos, e in reversed(bodies) if recent <= pos < before), None)
    person = next((pos for pos, _ in reversed(ctx.named) if pos < before), -1)
    return body[1] if body is not None and body[0] > person and not title else None


def _gender(name: str) -> str:
    """The gender a person's first name gives, a name of one word read as a first name
    ("Denis" is no "elle")."""
    return gender(name) if " " in name else given_gender(name)


def _genders(person: Person) -> tuple[str, str]:
    """The gender a person's first name gives, and the one it mostly gives ("Charlie")."""
    return _gender(person.name), leaning(person.name)


def _first_named(ctx: _Context, before: int) -> Iterator[tuple[int, Person]]:
    """The people named in the ``_NAMED_BACK`` sentences before ``before``, the latest
    sentence first and, within a sentence, the first named first (its subject before its
    objects: "Simmons teed up McDonald's cameo.")."""
    stop = bisect_left(ctx.named, before, key=_position)
    for s in reversed(ctx.sentences[-_NAMED_BACK:]):
        if s >= before:
            continue
        start = bisect_left(ctx.named, s, hi=stop, key=_position)
        yield from ctx.named[start:stop]
        stop = start
        if not stop:
            return


def _position(event: tuple[int, Person]) -> int:
    return event[0]


def _pronoun_gender(pronoun: str) -> str:
    """The gender a pronoun says; for a verb with its subject left out or inside it
    ("argumentó", "ajoute-t-il"), the gender its ending gives, else none."""
    if pronoun in _PRONOUN_GENDER:
        return _PRONOUN_GENDER[pronoun]
    inside = [_PRONOUN_GENDER[w] for w in re.split(r"[-\s]", pronoun)[1:] if w in _PRONOUN_GENDER]
    return inside[0] if inside else ""


def _add_focus(ctx: _Context, sentence: Span, quoted: Sequence[_Attributed | None]) -> None:
    """Put in focus the people the sentence makes speak, and a person who opens it."""
    s, e = sentence
    events = [(q.attribution.speaker.start, q) for q in quoted if q and q.person]
    cues = list(ctx.cues.within(s, e))  # each read several times: a list's, not a chain's
    speakers: list[_Speaker | None] = []
    for n, cue in enumerate(cues):
        borrowed = n > 0 and _borrows(ctx, s, cues, n)  # the subject of the cue before
        speaker = speakers[-1] if borrowed else _verb_subject(ctx, s, cues, n)
        if speaker is None and ctx.gazetteer.cues[cue.group().casefold()] == "verb":
            after = _noun_phrase_from(ctx, cue.end(), e)  # "..., said Mary Lovely"
            speaker = after if after is not None and after.kind == "name" else None
        speakers.append(speaker)
        if speaker is not None:
            attr = _Attribution(speaker, cue.group(), cue.start(), cue.end(), "before")
            item = _resolve(ctx, attr, s, title=False)
            if item and item.person:
                events.append((cue.start(), item))
    ctx.reported = events[-1][1] if events and not quoted else None
    if not events and not quoted:
        ctx.reported = _statement_maker(ctx, s, e)  # "X had a succinct statement." "..."
    people = [(pos, q.person) for pos, q in events if q.person and _a_person(q.attribution)]
    starts, persons = ctx.people
    named = [  # a name inside a quotation is the speaker's word, no antecedent of the report's
        (m.start, person_of(m))
        for m in persons[bisect_left(starts, s) : bisect_left(starts, e)]
        if ctx.view[m.start] != FILLER
    ]
    opener = _opening_mention(ctx, s, e)
    if opener is not None:
        people.append((opener.start, person_of(opener)))
    elif not events:
        subject = _opening_pronoun(ctx, s, e)  # "She spoke with pride ...": still her
        if subject is not None:
            people.append(subject)
    bodies = [(pos, q.person) for pos, q in events if q.person and not _a_person(q.attribution)]
    ctx.spokes.extend(
        (pos, q.person) for pos, q in events if q.person and q.attribution.speaker.spokes
    )
    first = bisect_left(ctx.starts, s)
    if first < len(ctx.mentions) and ctx.mentions[first].type == "organization":
        body = ctx.mentions[first]  # an organisation opens the sentence: "Halden Capital said"
        if _blank_or_the(ctx.view, s, body.start):
            bodies.append((body.start, person_of(body)))
    ctx.bodies.extend(sorted(bodies, key=lambda event: event[0]))
    ctx.focus.extend(sorted(people, key=lambda event: event[0]))
    ctx.named.extend(sorted([*people, *named], key=lambda event: event[0]))
    ctx.sentences.append(s)


def _opening_pronoun(ctx: _Context, s: int, e: int) -> tuple[int, Person] | None:
    """The person a "he" or "she" that opens the sentence stands for (see :func:`_resolve`);
    German "er", "sie" before a verb in the singular ("Sie betonte"), French "il", "elle"."""
    first = WORD.match(ctx.view, s, e)
    if first is not None and (second := _german_second(ctx.view, s, e)) is not None:
        first = second  # "Also bleibt er überzeugt", "Als Vater legt er Wert auf ..."
    if first is None or first.group().lower() not in _SUBJECT_PRONOUNS | {"sie"}:
        return None
    verb = WORD.search(ctx.view, first.end(), e)
    if first.group().lower() == "sie" and (verb is None or verb.group().endswith("en")):
        return None  # "Sie sagten": they
    pronoun = _Speaker(first.start(), first.end(), "pronoun")
    item = _resolve(ctx, _Attribution(pronoun, "", s, s, "before"), s, title=False)
    return (first.start(), item.person) if item and item.person else None


def _german_second(view: str, s: int, e: int) -> re.Match[str] | None:
    """The subject pronoun of a German sentence that puts its verb second, right after that
    verb ("Also bleibt er überzeugt", "Auch den Wechsel sieht er als Bestätigung"): a
    German word in lower case before it, no comma before it, and no subordinating
    conjunction before the verb ("nachdem", "wenn" ...: the verb is last there)."""
    found = _V2_PRONOUN.match(view, s, e)
    if found is None or not german.german(found.group("verb")):
        return None
    if any(w.lower() in _SUBORDINATING for w in WORD.findall(view, s, found.start("verb"))):
        return None
    return _PRONOUN_WORD.match(view, found.start("p"))


def _a_person(attr: _Attribution) -> bool:
    """Whether a speaker is a person: an organisation's name is not."""
    return attr.speaker.kind != "name" or attr.speaker.type == "person"


def _statement_maker(ctx: _Context, s: int, e: int) -> _Attributed | None:
    """Who made the statement a sentence with no speech verb tells of ("Bolger's lawyer,
    Jeremy Robinson, had a more succinct statement after the ruling."): the one person named
    before "had", "made", "issued", "gave", "released" or "read" and the statement, a
    possessive ("Bolger's") aside."""
    if ctx.view.find("statement", s, e) < 0 and ctx.view.find("remarks", s, e) < 0:
        return None
    made = _STATEMENT.search(ctx.view, s, e)
    if made is None:
        return None
    starts, people = ctx.people
    named = [
        m
        for m in people[bisect_left(starts, s) : bisect_left(starts, made.start())]
        if not ctx.view.startswith(("'s", "’s"), m.end)
    ]
    if len(named) != 1:
        return None
    attr = _Attribution(_name_speaker(named[0]), made["noun"], made.start(), made.end(), "before")
    return _Attributed(attr, person_of(named[0]), "name")


def _opening_mention(ctx: _Context, s: int, e: int) -> Mention | None:
    """The person whose name, with its title, opens ``view[s:e]``; after a subordinate
    clause that opens it, the main clause's ("After Lily Miyazaki won, it was ...": not
    Miyazaki)."""
    if _SUBORDINATE_OPENS.match(ctx.view, s) and (comma := ctx.view.find(",", s, e)) >= 0:
        s = comma + 1
    starts, people = ctx.people
    n = bisect_left(starts, s)
    if n == len(people) or people[n].start >= e:
        return None
    first = people[n]
    if ctx.view.startswith(("'s", "’s"), first.end):
        return None  # "Steenburgen’s son, ...": the possessive is not the subject
    head = title_start(ctx.text, first.start, ctx.gazetteer, floor=s)
    if ctx.view.find(",", head, first.start) >= 0:
        head = first.start  # no title runs over a comma: "... in New Hampshire, Christie quit"
    before = ctx.view[s:head].strip().lower()
    joined = _CONJUNCTION.match(before + " ")  # "And Mr. Christie gloated:"
    before = before[joined.end() :] if joined else before
    if before in _BEFORE_SUBJECT or before.removesuffix(".") in TITLE_ABBREVIATIONS:
        return first  # "Mr. Vane smiled and said, ...", "it was Katie Boulter who ..."
    # after an introductory phrase, the subject of the main clause: "Following the show,
    # Simmons teed up ..." (a name, then a verb: a word in lower case, not "and")
    verb = WORD.search(ctx.view, first.end, e)
    opened = before.rstrip(_STRIP).endswith(",") and not _THE.match(before)
    if not opened or verb is None or not verb.group().islower():
        return None
    return None if verb.group() in _COORDINATION else first


def _scare(text: str, quote: Found, item: _Attributed | None) -> bool:
    """What nobody in its sentence is said to say, and that reads as no speech: a few words
    not punctuated as speech ("red lines"), a title in capitals ("Meet the Nation."), or
    words in lower case woven into the reporter's clause (use rooms "in line with their
    identity," the rule ...)."""
    said = [w for s, e in quote.parts for w in text[s:e].split()]
    titled = len(said) <= _TITLE_WORDS and all(
        w[0].isupper() or w.lower() in SMALL_WORDS for w in said if w[0].isalpha()
    )
    if item is not None and item.attribution.where not in ("paragraph", "colon"):
        # attributed in its own sentence, unless a title woven into the reporter's clause
        return titled and said[0][0].isupper() and _woven(text, quote.opens)
    spoken = text[quote.parts[-1][1] - 1] in ".!?,"
    if len(said) <= _SCARE_WORDS and not spoken:
        return True
    if titled:
        return said[0][0].isupper()  # a programme's or a work's title
    return said[0][0].islower() and _woven(text, quote.opens)


def _woven(text: str, opens: int) -> bool:
    """Whether the opening mark at ``opens`` follows a word of the same clause (no
    punctuation between: 'use rooms "in line with'), not the start of a sentence, a colon or
    "that", which opens what someone said ('told him that "the only way ...')."""
    opens -= text.startswith(("''", "``"), opens - 1)  # a doubled mark: one mark
    before = text[max(0, opens - 40) : opens].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "'’"):
        return False
    return _THAT.search(before) is None


def _split(ctx: _Context, quote: Found, nxt: Found, item: _Attributed | None) -> bool:
    """'..,' he stated, '...': the next quote goes on with this one after the attribution."""
    if item is None or item.attribution.where != "after" or nxt.family != quote.family:
        return False
    attr = item.attribution
    last = quote.parts[-1]
    if ctx.view[last[1] - 1] in ".!?":
        return False  # the quoted sentence ended; the next quote is a new one
    frame_start = min(attr.speaker.start, attr.cue_start)
    frame_end = max(attr.speaker.end, attr.cue_end)
    return bool(
        _SPLIT_GAP.fullmatch(ctx.view, quote.closes + 1, frame_start)
        and re.fullmatch(r"\s*[,:]\s*", ctx.view[frame_end : nxt.opens])
    )
