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

from pipeline.extract.quotes.step import frame, run

__all__ = ["frame", "run"]
