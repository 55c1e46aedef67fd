"""Speaker resolution on small parsed texts: (text, mention) -> (name, type, role)."""

from __future__ import annotations

import pytest

from attribution.speakers.resolve import quoted_region, resolve_speakers
from attribution.types import Quote, TextSpan


def _span(text: str, words: str, occurrence: int = 1) -> TextSpan:
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return TextSpan.of(text, start, start + len(words))


RESOLUTIONS = [
    # capitals with a digit or a sign name a firm, not a person
    ("Ivanka Trump sells clothes. G-III said that sales rose in the quarter.", "G-III", 1, ("G-III", "organization", "")),
    # organisations, countries or outlets named together, of one type, speak together; else the first
    ("Russia and China said that the deal was bad.", "Russia and China", 1, ("Russia and China", "country", "")),
    (
        "Both The New York Times and the Wall Street Journal confirmed his account.",
        "Both The New York Times and the Wall Street Journal",
        1,
        ("New York Times and Wall Street Journal", "media", ""),
    ),
    ("Russia and NATO said that the deal was bad.", "Russia and NATO", 1, ("Russia", "country", "")),
    # a name the tagger took for a common noun, opening a paragraph, is the name it is inside sentences
    ("In the film, D’Souza argues that Obama was shaped by radicals.\n\nD’Souza told Beck that he is making a movie.", "D’Souza", 2, ("D’Souza", "person", "")),
    # but not a common noun in the plural; and an untagged name set beside "the company" is one
    ("Trump leads among Millennials overall.\n\nMillennials say they support background checks.", "Millennials", 2, ("", "unnamed", "")),
    (
        "Canada raised its carbon price. Teck, the Canadian mining company, says that it pays 50 million dollars. "
        "Its president said Teck wants the gap narrowed.",
        "Teck",
        1,
        ("Teck", "organization", ""),
    ),
    # the parser made the description set after two names the subject: the names speak
    (
        "Felicia Sanders and Polly Sheppard, two survivors of the shooting, said they forgave him.",
        "two survivors of the shooting",
        1,
        ("Felicia Sanders and Polly Sheppard", "person", ""),
    ),
    # an agency named only by its acronym is still "the bureau" its full name holds
    ("The FBI is looking into the case. The bureau said it would not comment.", "The bureau", 1, ("FBI", "organization", "")),
    # nor where a dateline, not a sentence, opens before it
    ("PORT DELMAR — Relatives of passengers on the ferry on Monday accused the authorities of lying.", "Relatives of passengers on the ferry", 1, ("", "unnamed", "")),
    # a company's description before its name does not make it a person, even where NER says so
    ("Port operator Eastbank Terminals said that 600 lorries a day would be diverted.", "Port operator Eastbank Terminals", 1, ("Eastbank Terminals", "organization", "")),
    # a title written the British way is a title
    ("Councillor Peter Graham said the plan was reckless.", "Councillor Peter Graham", 1, ("Peter Graham", "person", "Councillor")),
    ("Snack giant Nabisco said it would move jobs to Mexico.", "Snack giant Nabisco", 1, ("Nabisco", "organization", "")),
    ("The consulting firm McKinsey said that costs rose.", "McKinsey", 1, ("McKinsey", "organization", "")),
    # a common noun capitalised only by opening the sentence is no name, whatever NER says
    # (and polls are documents: media, though no one is named as making them)
    ("Mr. Trump spoke. Exit polls from the New Hampshire primary showed that he led.", "Exit polls from the New Hampshire primary", 1, ("", "media", "")),
    ("In Nevada, exit polls suggested that Hispanic voters stayed home.", "exit polls", 1, ("", "media", "")),
    # a surname the tagger reads as a gerund ("Schilling describes himself") is still the surname
    (
        "ESPN fired Curt Schilling on Wednesday.\n\nSchilling describes himself on his Facebook account as a ''Conservative pro life American.''",
        "Schilling",
        2,
        ("Curt Schilling", "person", ""),
    ),
    # laws and bills are documents too
    ("Texas passed a law in 2013. The law requires that doctors have admitting privileges.", "The law", 1, ("", "media", "")),
    ("Texas legislation was at issue. The legislation also mandates three appointments.", "The legislation", 1, ("", "media", "")),
    ("The rare accord requires that nations limit their emissions.", "The rare accord", 1, ("", "media", "")),
    # "which" the parse hung on the noun before an organisation's name means the organisation
    ("China and America are, however, members of the World Trade Organization, which writes the rules.", "which", 1,
     ("World Trade Organization", "organization", "")),  # fmt: skip
    ("The conservative publication said that he is unmoored.", "The conservative publication", 1, ("", "media", "")),
    ("HuffPo noted that the rally was small.", "HuffPo", 1, ("HuffPo", "media", "")),
    # a hyphenated name is one name, whether its first or its last part is hyphenated
    ("European Commission President Jean-Claude Juncker said the deal was done.", "European Commission President Jean-Claude Juncker", 1,
     ("Jean-Claude Juncker", "person", "European Commission President")),  # fmt: skip
    ("Kim Jong-un said the test succeeded.", "Kim Jong-un", 1, ("Kim Jong-un", "person", "")),
    ("Ban Ki-moon condemned the attack. He said it was barbaric.", "He", 1, ("Ban Ki-moon", "person", "")),
    # a website's address is its name, even in lower case (whether an outlet's or a shop's, it does not say)
    ("The attack was planned, ouest-france.fr reported.", "ouest-france.fr", 1, ("ouest-france.fr", "organization", "")),
    # and so are footage and a website's pages
    ("Trump attended the game. Footage from the game shows that he was booed.", "Footage from the game", 1, ("", "media", "")),
    ("Check out the campaign website. The health care page says that costs will fall.", "The health care page", 1, ("", "media", "")),
    # a count, a tally or an investigation is its maker's, as a report is; what a study looks at is not its maker
    ("A count by The Associated Press showed that Clinton had won.", "A count by The Associated Press", 1, ("Associated Press", "media", "")),
    # a name the text introduces as an outlet ("the website X") is media, whatever NER took it for
    ("The story ran on the website Politco, which said that the delegates were paid.", "which", 1, ("Politco", "media", "")),
    ("The French news site RTL Info reported that two suspects were held.", "The French news site RTL Info", 1, ("RTL Info", "media", "")),
    ("A recent review of Hillary Clinton's emails found that she sent classified material.",
     "A recent review of Hillary Clinton's emails", 1, ("", "media", "")),  # fmt: skip
    # a column is an outlet's text, as an editorial is
    ("A popular column in the Asahi newspaper said that the remark was rough.", "A popular column in the Asahi newspaper", 1, ("", "media", "")),
    # but news reports with no maker are hearsay: no one is named
    ("According to reports, the bill passed unanimously.", "reports", 1, ("", "unnamed", "")),
    ("His gaffes angered the party's top figures, who said he had to change.", "who", 1, ("", "unnamed", "")),
    # a two-word name NER calls an organisation is a person's when the story calls it by its last
    # word alone; a firm goes by its first word
    ("Carly Fiorina said on Monday that Trump was wrong. Fiorina added that he was rude. Fiorina said that she would run.", "Carly Fiorina", 1, ("Carly Fiorina", "person", "")),
    # ... or where the surname alone is given a job
    ("Carly Fiorina said Ted Cruz was a liar. Fiorina, the former Hewlett-Packard CEO, took on Cruz directly.", "Carly Fiorina", 1, ("Carly Fiorina", "person", "former Hewlett-Packard CEO")),
    # ... or where a sentence says what job it has
    ("Amanda Renteria is the Clinton campaign's national political director. Renteria told reporters that Clinton had helped.", "Renteria", 1, ("Amanda Renteria", "person", "Clinton campaign's national political director")),
    ("Turkey is a member of NATO. Turkey said that the jets had crossed its border.", "Turkey", 2, ("Turkey", "country", "")),
    # a plural proper noun with "many" or "some" is no one's name
    ("Many Millennials want what they want without any common sense, he wrote.", "Many Millennials", 1, ("", "unnamed", "")),
    # "the party" after "the party of Prescott Bush" (no name for it) is the party named before
    (
        "Jeb Bush bid farewell to the Republican Party. The party of Bush is gone. "
        + "He had been rejected by the voters. " * 9
        + "The party's collective shrug over Mr. Trump is striking.",
        "The party's collective",
        1,
        ("Republican Party", "organization", ""),
    ),
    # who obtained a document did not make it; a "person" set beside an organisation word is one
    ("A previously undisclosed email obtained by Citizens United, the conservative advocacy group, shows the name.", "A previously undisclosed email", 1, ("", "media", "")),
    ("Citizens United, the conservative advocacy group, said the email was real.", "Citizens United", 1, ("Citizens United", "organization", "")),
    ("A poll conducted by Gallup found that wages rose.", "A poll conducted by Gallup", 1, ("Gallup", "media", "")),
    # a sentence of names is no headline when its verb is in lower case: the full name stays whole
    ("Hillary Clinton spoke in Iowa on Monday. Later, Hillary said the race was close.", "Hillary", 1, ("Hillary Clinton", "person", "")),
    # a first name set beside a relative of someone named takes that surname
    ("Hillary Clinton spoke on Monday. Clinton's husband, Bill, hurled the kitchen sink at Sanders. The former president said it was sexist.", "The former president", 1, ("Bill Clinton", "person", "former president")),
    ("Donald Trump spoke on Monday. Trump's son Eric said the race was close.", "Trump's son Eric", 1, ("Eric Trump", "person", "")),
    # a knight's style is part of his name, unlike "Mr."
    ("Sir Peter Westmacott, a British diplomat, spoke on Monday. Westmacott said the talks failed.", "Westmacott", 1, ("Sir Peter Westmacott", "person", "British diplomat")),
    # a party-and-state tag taken for the source is the lawmaker it follows
    ("So did another high-ranking Latino, Rep. Xavier Becerra (D-Calif.). He spoke on Monday.", "D-Calif", 1, ("Xavier Becerra", "person", "Rep.")),
    # a conjunction opening a sentence, tagged a proper noun, is no first name
    ("Tim Kaine spoke on Monday.\n\nThough Kaine has described himself as a pro-life Catholic, he said he supports the law.", "he", 1, ("Tim Kaine", "person", "")),
    # "it" after a report, poll or paper that was a subject just before is that document
    ("A new report from the agency found that wages rose. It also found that rents fell.", "It", 1, ("", "media", "")),
    # a speaker's point is that speaker's
    ("Clinton was on track. Sanders's point was that the nominee would need superdelegates.", "Sanders's point", 1, ("Sanders", "person", "")),
    # outlets known by name
    ("ProPublica obtained a video of the speech and said she steered a middle ground.", "ProPublica", 1, ("ProPublica", "media", "")),
    ("Goldman Sachs said on Monday that rates would rise. Goldman added that the economy was strong.", "Goldman Sachs", 1, ("Goldman Sachs", "organization", "")),
    # a date NER tagged is no one, however capitalised
    ("To Sexton, who has made something of a study of Trump rallies, Tuesday marked a turning point.", "Tuesday", 1, ("", "unnamed", "")),
    # a title before the name gives the role; a later surname the full name
    (
        'U.S. Secretary of Defense Lloyd Austin told reporters, "There is evidence." Austin later left Rome.',
        "Austin",
        2,
        ("Lloyd Austin", "person", "U.S. Secretary of Defense"),
    ),
    # an appositive gives the role, cut before its second coordinated role; "He" is that person
    (
        "Andrey Rudenko, Deputy Foreign Minister and the Russian government representative, requested "
        "ratification.\nHe argued that the treaty is defensive.",
        "He",
        1,
        ("Andrey Rudenko", "person", "Deputy Foreign Minister"),
    ),
    # a title before a surname resolves to the full name and keeps the first role given
    (
        "Andrey Rudenko, Deputy Foreign Minister, spoke first. Deputy Minister Rudenko dismissed the claims.",
        "Deputy Minister Rudenko",
        1,
        ("Andrey Rudenko", "person", "Deputy Foreign Minister"),
    ),
    # "the officer" after "A second CIA officer" was brought in unnamed is that second one, not Bob
    (
        "The CIA officer known as Bob said the team waited. A second CIA officer backed Bob's account. "
        "In an email, the officer said that the chief had delayed them.",
        "the officer",
        1,
        ("", "unnamed", "officer"),
    ),
    (
        "The CIA officer known as Bob said the team waited. Bob's account was backed by others. "
        "In an email, the officer said that the chief had delayed them.",
        "the officer",
        1,
        ("Bob", "person", "officer"),
    ),
    # a description resolves to the person whose title holds its word
    (
        "Foreign Minister Sergei Lavrov met reporters in Moscow. The minister said the talks had failed.",
        "The minister",
        1,
        ("Sergei Lavrov", "person", "Foreign Minister"),
    ),
    # a capital after a colon is no name NER missed; a capital inside a word still is
    ("The Latest: Mourners say Ali's death is tough.", "Mourners", 1, ("", "unnamed", "")),
    ("Update: GunBroker.com said sales rose.", "GunBroker.com", 1, ("GunBroker.com", "organization", "")),
    # a word in capitals opening a line is a name when the story writes it again (a transcript's labels)
    ("UPDATE: The company said sales rose.", "UPDATE", 1, ("", "unnamed", "")),
    ("BOULDUAN: Is it true?\n\nBENENSON: No.\n\nBOULDUAN: Why not?", "BOULDUAN", 2, ("BOULDUAN", "person", "")),
    # gender by elimination: Smith is a man ("Mr."), so "her" in a sentence naming both is Kelly's,
    # and the "he" of a sentence Kelly is the subject of is not Kelly
    (
        "Mr. John Smith spoke on Monday. Since then, Smith has criticized Megyn Kelly for her reporting, and Smith "
        "attacked Kelly over her questions. Kelly came under fire over what he perceived to be unfair questions.",
        "he",
        1,
        ("John Smith", "person", ""),
    ),
    # "they" after people named together as a subject is those people; after others, unnamed
    (
        "Hillary Clinton and Bernie Sanders met in Brooklyn on Thursday. They said the debate was fair.",
        "They",
        1,
        ("Hillary Clinton and Bernie Sanders", "person", ""),
    ),
    ("Officials met Hillary Clinton and Bernie Sanders. They said the debate was fair.", "They", 1, ("", "unnamed", "")),
    # ... past a pronoun subject of a clause between, but not past another subject named
    (
        "Anna Palmer and Jake Sherman, who spoke as they were preparing, bring their own sources. And they said the deal was done.",
        "they",
        2,
        ("Anna Palmer and Jake Sherman", "person", ""),
    ),
    ("Anna Palmer and Jake Sherman met as the editor left. They said the deal was done.", "They", 1, ("", "unnamed", "")),
    # a name written after "the" is an organisation's (here an outlet known by name), unless a
    # person of the story is named by it
    ('"Sanders was ahead," The Blaze reported.', "The Blaze", 1, ("Blaze", "media", "")),
    ('Donald Trump spoke to a large crowd in Ohio on Monday. "I won," the Donald said.', "the Donald", 1, ("Donald Trump", "person", "")),
    # possessive organisation, in the document's own words
    (
        "Russia's Foreign Ministry said the reports were false.",
        "Russia's Foreign Ministry",
        1,
        ("Russia's Foreign Ministry", "organization", ""),
    ),
    # ... written without "the", as other names are; a possessive inside a name owns nothing
    (
        "The Kremlin's press office said the reports were false.",
        "The Kremlin's press office",
        1,
        ("Kremlin's press office", "organization", ""),
    ),
    ("The Rail Workers' Union said the train was slow.", "The Rail Workers' Union", 1, ("Rail Workers' Union", "organization", "")),
    # a country speaking through a part of itself keeps its type (one speaker_id), the part is its role
    (
        "However, Russia has denied the allegations through a Foreign Ministry briefing.",
        "Russia",
        1,
        ("Russia", "country", "Foreign Ministry"),
    ),
    # the named member stands for a group of outlets
    (
        "The Duma ratified the treaty, according to major foreign media including TASS.",
        "major foreign media including TASS",
        1,
        ("TASS", "media", ""),
    ),
    ("AFP reported that the treaty was signed.", "AFP", 1, ("AFP", "media", "")),
    # a name with a job and no organisation word is a person's, whatever NER said
    (
        "Some economists disagree. Eswar Prasad, a professor of international economics at Cornell University, said "
        "the Fed mattered more abroad.",
        "Eswar Prasad",
        1,
        ("Eswar Prasad", "person", "professor of international economics at Cornell University"),
    ),
    # ... as is a name set after a job, which the mention takes in or stops before (NER: ORG)
    (
        "The chief executive of the Greywater Hospitals Trust, Helena Voss, faced questions, telling members "
        "that nobody had fiddled any figures. Voss said the trust was recruiting.",
        "Voss",
        2,
        ("Helena Voss", "person", "chief executive of the Greywater Hospitals Trust"),
    ),
    (
        "The chief executive of the Greywater Hospitals Trust, Helena Voss, said nobody had fiddled any figures.",
        "The chief executive of the Greywater Hospitals Trust",
        1,
        ("Helena Voss", "person", "chief executive of the Greywater Hospitals Trust"),
    ),
    # a preposition capitalised to open a sentence is no part of the name NER ran it into
    ("Hillary Clinton won Ohio.\n\nBeneath Clinton's wins, a weakness. She said the party must unite.", "She", 1, ("Hillary Clinton", "person", "")),
    # a description set after a name, given as the source, is that name's
    ("Sen. Marco Rubio, a candidate for president, said the plan would fail.", "a candidate for president", 1, ("Marco Rubio", "person", "candidate for president")),
    # "White" is a surname, not an organisation word ("the White House" is a house)
    (
        "Facebook created Safety Check to help in times of crisis, a spokeswoman, Anna Richardson White, said on Saturday. "
        '"People turn to Facebook to check on loved ones," Ms. White said.',
        "Ms. White",
        1,
        ("Anna Richardson White", "person", "spokeswoman"),
    ),
    ("The White House said the president would veto the bill.", "The White House", 1, ("White House", "organization", "")),
    # a lawsuit is a document
    ("Podliska sued the committee. The suit claims that Gowdy damaged his reputation.", "The suit", 1, ("", "media", "")),
    # a company's trade in its name keeps it an organisation where NER once took it for a person
    (
        "Three people were killed when a Northline Rail commuter train derailed at Brennick junction on Tuesday. "
        "The Rail Workers' Union said drivers had reported both faults to Northline. "
        "Northline Rail said its signals at Brennick had worked normally.",
        "Northline Rail",
        2,
        ("Northline Rail", "organization", ""),
    ),
    # an outlet word makes a name NER took for a place an outlet's; an agency's acronym is no country
    ("The governor attacked the plan on Sunday, according to the Las Vegas Sun.", "the Las Vegas Sun", 1, ("Las Vegas Sun", "media", "")),
    ("Before the vote, the F.B.I. released its findings on Tuesday.", "the F.B.I.", 1, ("F.B.I.", "organization", "")),
    # an organisation's name may hold a possessive; what an appositive says of it is no role
    (
        "Sheriff Dan Pike spoke on Monday. The Clark County Coroner's Office released the victim's name.",
        "The Clark County Coroner's Office",
        1,
        ("Clark County Coroner's Office", "organization", ""),
    ),
    ("The robocall is funded by Our Principles PAC, a group that works to stop Trump.", "Our Principles PAC", 1, ("Our Principles PAC", "organization", "")),
    # "the Committee" is the one committee named before
    (
        "The EP Committee on Civil Liberties, Justice and Home Affairs met on Monday. The Committee said it would "
        "ask for a legal opinion.",
        "The Committee",
        1,
        ("EP Committee on Civil Liberties", "organization", ""),
    ),
    # a relative pronoun is the person its clause hangs on
    (
        "Senator Chuck Schumer, who spoke on Tuesday, opposed the bill.",
        "who",
        1,
        ("Chuck Schumer", "person", "Senator"),
    ),
    # where the parse hung "who" on no noun, the people named right before its comma
    (
        "The economy will help candidates such as Marco Rubio and John Kasich, who said that rates would rise.",
        "who",
        1,
        ("Marco Rubio and John Kasich", "person", ""),
    ),
    # "the campaign" after a named campaign
    (
        "The Clinton campaign released a statement on Monday. The campaign said the report was wrong.",
        "The campaign",
        1,
        ("Clinton campaign", "organization", ""),
    ),
    # negatives: unnamed sources stay unnamed, never guessed
    ("Officials said the plan would fail.", "Officials", 1, ("", "unnamed", "")),
    ("A source close to the talks said they had stalled.", "A source close to the talks", 1, ("", "unnamed", "")),
    (
        "A spokesman for the campaign said the ad would run.",
        "A spokesman for the campaign",
        1,
        ("", "unnamed", "spokesman for the campaign"),
    ),
    # an office with "of the" before the name is the role, the form of address is not; the
    # title heads the mention however the parse hangs the name on it
    (
        "Speaker of the House Rep. Paul Ryan (R-WI) said the images have no place in a campaign.",
        "Speaker of the House Rep. Paul Ryan (R-WI)",
        1,
        ("Paul Ryan", "person", "Speaker of the House"),
    ),
    # a title over an organisation's name with "of" in it holds no person's name
    (
        "The director of the National Gallery of Esterra said the painting was authentic.",
        "The director of the National Gallery of Esterra",
        1,
        ("", "unnamed", "director of the National Gallery of Esterra"),
    ),
    (
        "The director of the National Gallery of Esterra, Ines Marlowe, said the painting was authentic.",
        "The director of the National Gallery of Esterra, Ines Marlowe",
        1,
        ("Ines Marlowe", "person", "director of the National Gallery of Esterra"),
    ),
    # but a spokesman for a titled person is not that person
    ("A spokesman for Sen. Ted Cruz said the senator would vote no.", "A spokesman for Sen. Ted Cruz", 1, ("", "unnamed", "spokesman for Sen. Ted Cruz")),
    ("According to reports, the vote passed.", "reports", 1, ("", "unnamed", "")),
    # named people who speak together are the speaker together; unnamed ones add no one; two
    # titles before one name are one person's
    ("Felicia Sanders and Polly Sheppard said the change was needed.", "Felicia Sanders and Polly Sheppard", 1, ("Felicia Sanders and Polly Sheppard", "person", "")),
    ("Bernie Sanders and his top aides said the race was not over.", "Bernie Sanders and his top aides", 1, ("Bernie Sanders", "person", "")),
    # a person's office or campaign is the person's, named without the title, with the honorific
    ("Paul Ryan spoke. House Speaker Paul Ryan's office said that the bill would pass.", "House Speaker Paul Ryan's office", 1, ("Paul Ryan's office", "organization", "")),
    ("Hillary Clinton spoke. Mrs. Clinton's campaign said that the bill would pass.", "Mrs. Clinton's campaign", 1, ("Mrs. Clinton's campaign", "organization", "")),
    # "one of" heads its phrase: the name set beside it is the speaker; without one, unnamed
    (
        "Trump University sold seminars. One of the university's top executives, Michael Sexton, said that the seminars were profitable.",
        "One of the university's top executives",
        1,
        ("Michael Sexton", "person", ""),
    ),
    ("Trump University sold seminars. One of its top executives said that the seminars were profitable.", "One of its top executives", 1, ("", "unnamed", "")),
    # a person's surname NER left untagged is that person, even where an outlet has the name
    (
        '"There is no bad publicity," said Atlantic City Mayor Don Guardian in an interview.\n\n"We were foolish."\n\nGuardian hopes that Clinton will help the city.',
        "Guardian",
        2,
        ("Don Guardian", "person", "Atlantic City Mayor"),
    ),
    # people joined by "and" where the parse did not join them: a party word is no first name,
    # and a name set after a title joined to the first person is the second
    (
        "Hillary Clinton and Donald Trump are campaigning in Ohio. Republican Trump and Democrat Clinton have criticized Nabisco for the move.",
        "Republican Trump and Democrat Clinton",
        1,
        ("Donald Trump and Hillary Clinton", "person", ""),
    ),
    (
        "In 1954, Dwight Eisenhower and his future secretary of State, John Foster Dulles, criticized the plan.",
        "Dwight Eisenhower and his future secretary of State, John Foster Dulles",
        1,
        ("Dwight Eisenhower and John Foster Dulles", "person", ""),
    ),
    (
        "Hillary Clinton and Donald Trump campaigned. According to Republican Trump and Democrat Clinton, the deal was bad.",
        "Republican Trump and Democrat Clinton",
        1,
        ("Donald Trump and Hillary Clinton", "person", ""),
    ),
    ("Donald Trump and his campaign manager said the race was over.", "Donald Trump and his campaign manager", 1, ("Donald Trump", "person", "")),
    ("Jeb Bush, the brother of George W. Bush, and his aides said the race was over.", "Jeb Bush, the brother of George W. Bush, and his aides", 1, ("Jeb Bush", "person", "brother of George W. Bush")),
    # a conjunct described before its name is that name
    (
        "Paul Manafort was a consultant. He and the developer Arthur G. Cohen said that the deal would close soon.",
        "He and the developer Arthur G. Cohen",
        1,
        ("Paul Manafort and Arthur G. Cohen", "person", ""),
    ),
    (
        "That is what he did, said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell.",
        "former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell",
        1,
        ("Ed Rendell", "person", "Democratic National Committee Chairman"),
    ),
    # an outlet's possessive is no part of its reporter's name
    ("Last month, The Huffington Post’s Scott Conroy asked Sanders about it.", "The Huffington Post’s Scott Conroy", 1, ("Scott Conroy", "person", "")),
    # a short title inside what NER took for an organisation's name
    ("GOP Rep McCaul said the plan would fail.", "GOP Rep McCaul", 1, ("McCaul", "person", "GOP Rep")),
    # a place before a description says where the person is from, not whose they are; the
    # description is the role of a person named bare
    (
        'Marco Rubio still believes that Trump is unfit. "I stand by everything I said," the Florida senator said.',
        "the Florida senator",
        1,
        ("Marco Rubio", "person", "Florida senator"),
    ),
    # a maker the tagger took for a common noun still makes the poll
    ("According to a recent poll by RealClearPolitics, Trump leads.", "a recent poll by RealClearPolitics", 1, ("RealClearPolitics", "media", "")),
    # a media word capitalised alone in a headline is a description, not a person's name
    ("UPDATE: Newspaper Calls On Hillary To Visit Flooded Louisiana\n\nThe flood was bad.", "Newspaper", 1, ("", "media", "")),
    # an honorific cut from its name is that name's
    ("Hillary Clinton spoke on Monday. Mrs. Clinton's plan says that taxes will rise.", "Mrs", 1, ("Hillary Clinton", "person", "")),
    # a pronoun with no antecedent
    ("He said the plan would fail.", "He", 1, ("", "unnamed", "")),
    # "he" after someone brought in unnamed as a sentence's subject is that someone ...
    (
        "Chief executive Graham Tullis denied it. A former quality manager at the plant gave a different account. "
        "He said that listeria had been found in July.",
        "He",
        1,
        ("", "unnamed", "former quality manager at the plant"),
    ),
    # ... whose noun allows the pronoun's gender
    (
        "Chief executive Graham Tullis denied it. A spokeswoman for the plant declined to comment. "
        "He said that no listeria had been found.",
        "He",
        1,
        ("Graham Tullis", "person", "Chief executive"),
    ),
    ("They said the plan would fail.", "They", 1, ("", "unnamed", "")),
    # with no one named before, "he" or "she" is the person a subject just before describes ...
    (
        'A spokesman for the ministry said "the talks will go on." He added that no date had been set.',
        "He",
        1,
        ("", "unnamed", "spokesman for the ministry"),
    ),
    ('The mayor said "we will win."\n\nShe added that taxes would fall.', "She", 1, ("", "unnamed", "mayor")),
    # ... if the noun allows the pronoun's gender, and not from further back
    ('A spokesman for the ministry said "the talks will go on." She added that no date had been set.', "She", 1, ("", "unnamed", "")),
    ("The mayor spoke on Monday. It rained. Roads closed. He said the plan would fail.", "He", 1, ("", "unnamed", "")),

    # a title word ending a name that holds an organisation word is the name's ("Union Leader"), no title
    ("Yet news coverage was merciless: The New Hampshire Union Leader said Mr. Rubio had been rocked.", "The New Hampshire Union Leader", 1, ("New Hampshire Union Leader", "organization", "")),
    # a common word NER took for a name stays unnamed: people unnamed, an organisation word
    ("Obama will speak on Wednesday.\n\nAides said Obama will make a familiar case for what has been achieved.", "Aides", 1, ("", "unnamed", "")),
    ("A Super PAC said on Monday it would spend more.", "A Super PAC", 1, ("", "unnamed", "")),
    # no source at all
    ("It was anticipated that the Duma would act by mid-month.", None, 1, ("", "none", "")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, occurrence, expected", RESOLUTIONS)
def test_resolve_speaker_name_type_role(speaker_of, text, mention, occurrence, expected):
    assert speaker_of(text, mention, occurrence) == expected


CHAINS = [
    # "he" and "the admiral" in the narration keep their person salient past other names
    (
        "Speaker Paul Ryan was absent from Wisconsin last week.\n\nHe visited Prime Minister Benjamin Netanyahu "
        "in Israel, where he also met local reporters.",
        "he",
        "Paul Ryan",
    ),
    (
        "Adm. Harry Harris met Gen. Joseph Dunford at the Pentagon on Monday. Asked later about the shoal, the "
        'admiral chuckled.\n\n"It is good that my voice is low," he said.',
        "he",
        "Harry Harris",
    ),
    # the subject of a clause deep in another is no likelier antecedent than the main subject
    (
        "In his statement Saturday, Bernie Sanders went further in trying to hold Rick Snyder accountable. "
        '"There are no excuses," he said.',
        "he",
        "Bernie Sanders",
    ),
    # a bare surname shared by two people is the one the story introduced first
    ("Hillary Clinton spoke in Iowa on Monday. Bill Clinton spoke in Ohio on Tuesday. Clinton said it would work.", "Clinton", "Hillary Clinton"),
    ("Bill Clinton spoke in Ohio on Monday. Hillary Clinton spoke in Iowa on Tuesday. Clinton said it would work.", "Clinton", "Bill Clinton"),
    # ... but an honorific goes to the one the narration's pronouns already made that gender
    (
        "Bill Clinton's policies have faced scrutiny, and Hillary Clinton is shaping the role her husband would "
        "play in her administration. Mrs. Clinton said the economy comes first.",
        "Mrs. Clinton",
        "Hillary Clinton",
    ),
    # ... and only pronouns written before it count
    (
        "Fox News was built by his patron, Rupert Murdoch. Mr. Murdoch said the network would change. As for "
        "James Murdoch, his views are plainer. Mr. Murdoch said the board would decide.",
        "Mr. Murdoch",
        "Rupert Murdoch",
    ),
    # "Khizr and Ghazala Khan": the first name alone shares the surname
    (
        "The parents, Khizr and Ghazala Khan, criticized Mr. Trump. Mr. Khan said the candidate had sacrificed "
        "nothing. Ms. Khan said she could not speak.",
        "Mr. Khan",
        "Khizr Khan",
    ),
    # a headline's first word is no first name ("Debating Clinton's character")
    ("Debating Clinton's character.\n\nHillary Clinton prepared for weeks. Clinton said the debate would be hard.", "Clinton", "Hillary Clinton"),
    # "the Utah Republican" is one person, the one just spoken of (NER tags the party as a group)
    ("Mike Lee spoke in Utah on Monday. The plan would work, the Utah Republican said.", "the Utah Republican", "Mike Lee"),
    # a profession refers back as a title does
    ("Tim Allen returned to television this week. The show is a success, the actor said.", "the actor", "Tim Allen"),
    # ... even when another person's title holds the party's word
    (
        "Republican National Committee Chairman Reince Priebus called for unity. Paul Ryan told CNN he was not ready. "
        "The Wisconsin Republican said the nominee must unify the party.",
        "The Wisconsin Republican",
        "Paul Ryan",
    ),
    # "it" is an organisation or country that was just a subject, else no one
    ("Russia denied the report on Monday. It said the claims were false.", "It", "Russia"),
    ("Ted Cruz won Iowa with 27 percent, ahead of Marco Rubio in Florida. It probably signals a long fight.", "It", ""),
    # "I" after a line's "Name:" label is that name's; a sentence that merely ends in a colon labels nothing
    ("Rubio: I Still Believe Trump Can't Be Trusted\n\nMarco Rubio spoke on Monday.", "I", "Marco Rubio"),
    ("Marco Rubio spoke on Monday about the long campaign ahead of him and said: I will win.", "I", ""),
    # an interview's answers are the interviewee's; a question's "I" is not
    ("Former first lady Laura Bush sat down with reporters.\n\nQ: Why Afghanistan?\n\nA: Because they needed help, I think.", "I", "Laura Bush"),
    ("Former first lady Laura Bush sat down with reporters.\n\nQ: Why Afghanistan?\n\nA: Because they needed help.", "A", "Laura Bush"),
    ("Former first lady Laura Bush sat down with reporters.\n\nQ: Why did I ask?\n\nA: Because.", "I", ""),
    ("Q: Why Afghanistan?\n\nA: Because they needed help, I think.", "I", ""),
    # "X, a company that ...": the relative clause is about the name
    ("David Friedman is the president of Wealth-X, a private company that tracks billionaires.", "that", "Wealth-X"),
    # ... also a name NER missed; and "who" hung by the parser on a thing means the person just before it
    ("The robocall is funded by Our Principles PAC, a group that works to stop Trump.", "that", "Our Principles PAC"),
    ('"Meet us at the bridge," Tom Avery says to Luis Ortega on camera, who nods eagerly.', "who", "Luis Ortega"),
    ("Mary Smith, who ran the office and who said she was tired, left.", "who", "Mary Smith"),
    # gender comes only from pronouns that can mean the one person named: not after a possessive
    # ("Clinton's campaign removed the mayor after he ..."), nor past an unnamed person ("The general")
    (
        "Hillary Clinton spoke in Iowa. The general campaigned for Clinton on Friday, and the campaign praised his "
        "support. Clinton's campaign dropped the mayor after he defended internment camps. Clinton spokesman "
        "Jesse Ferguson said the campaign acted fast. On Wednesday, Clinton attacked the proposal. She wrote to voters.",
        "She",
        "Hillary Clinton",
    ),
    # a pronoun in a phrase before the main clause means its subject, named after it
    (
        "Donald Trump wants a wall on the border. In his speech on Tuesday, former Mexican President Felipe Calderon "
        "called the idea stupid.",
        "his",
        "Felipe Calderon",
    ),
    ("Donald Trump wants a wall on the border. In his speech on Tuesday, the crowd called the idea stupid.", "his", "Donald Trump"),
    # NER took every "Nefzi" for a place; the full name it missed makes them all one person
    (
        "Inside the mosque - which looks like a church except for the missing cross - Adel Nefzi said he and many others "
        'are trying to collect money.\n\nNefzi, a chemistry professor, said the shooter seemed troubled. "We are '
        'horrified," Nefzi said. He said the shooter had a psychological problem.',
        "He",
        "Adel Nefzi",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, name", CHAINS)
def test_resolve_refers_back(speaker_of, text, mention, name):
    assert speaker_of(text, mention)[0] == name


@pytest.mark.slow
def test_resolve_organisation_reporting_keeps_its_type(nlp):
    """A company that "reported" its profit is no outlet when the story has it speak as a company too."""
    text = "Halvard Minerals reported a net profit of 212 million euros. The company said no jobs would be cut."
    doc = nlp(text)
    quotes = [
        Quote(quote_type="indirect", content=_span(text, "a net profit of 212 million euros"), cue=_span(text, "reported"), source_mention=_span(text, "Halvard Minerals")),
        Quote(quote_type="indirect", content=_span(text, "no jobs would be cut"), cue=_span(text, "said"), source_mention=_span(text, "The company")),
    ]
    speakers = resolve_speakers(doc, quotes)
    assert [(s.name, s.speaker_type, s.speaker_id) for s in speakers] == [("Halvard Minerals", "organization", "organization:halvard-minerals")] * 2


@pytest.mark.slow
def test_resolve_outlet_reporting_is_media(speaker_of):
    assert speaker_of("The Sentinel reported that the club paid too much.", "The Sentinel") == ("Sentinel", "media", "")


@pytest.mark.slow
def test_resolve_platform_is_an_organisation(speaker_of):
    assert speaker_of("Twitter said it would suspend the accounts.", "Twitter")[1] == "organization"


@pytest.mark.slow
def test_resolve_pronoun_agrees_in_gender(resolve_one):
    # Mary Smith's "she" and John Doe's "he" are the document's own gender evidence.
    text = "Mary Smith said she was tired. John Doe said he disagreed. She said it was fine."
    assert resolve_one(text, "She").name == "Mary Smith"
    assert resolve_one(text, "John Doe").name == "John Doe"


SAID_ABOUT = [
    # someone named in the quote is spoken about, rarely the one speaking
    (
        'Republican pollster Mark Dunn doubts the plan. But Donald Trump could still shift the debate. "A smarter move '
        "is to talk about jobs. Trump's strongest card is change,\" he said.",
        "A smarter move is to talk about jobs. Trump's strongest card is change,",
        "Mark Dunn",
    ),
    (
        'Republican pollster Mark Dunn doubts the plan. But Donald Trump could still shift the debate. "A smarter move '
        'is to talk about jobs," he said.',
        "A smarter move is to talk about jobs,",
        "Donald Trump",
    ),
    # nor is the one the speaker speaks to: a subject pronoun is not the object of its own verb
    (
        "Rubio supporter Scott Szlachta drove from Chicago. Senator Marco Rubio met him in a coffee shop. "
        '"We have been abused," he told Rubio.',
        "We have been abused,",
        "Scott Szlachta",
    ),
    # a subject in an aside in brackets does not take "he" from the person the narration is about
    (
        "Greg Nolan gave his radio hour to a town hall. (As one paper reported, Donald Trump once backed the war.) "
        "On other days, he has used his platform for rumors.",
        "his platform for rumors",
        "Greg Nolan",
    ),
    (
        "Greg Nolan gave his radio hour to a town hall. As one paper reported, Donald Trump once backed the war. "
        "On other days, he has used his platform for rumors.",
        "his platform for rumors",
        "Donald Trump",
    ),
    # the one asked a question in the sentence before answers it; one asked to do something does not
    (
        "Last month, The Huffington Post's Scott Conroy asked Sanders whether his health was fair game.\n\n"
        '"Sure it is. I would not have run if I was not blessed," he said.',
        "Sure it is. I would not have run if I was not blessed,",
        "Sanders",
    ),
    (
        'Donald Trump asked Ted Cruz to leave the stage.\n\n"Go now, the debate is over," he said.',
        "Go now, the debate is over,",
        "Donald Trump",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, content, name", SAID_ABOUT)
def test_resolve_pronoun_by_what_is_said(nlp, text, content, name):
    start = text.index(" he ") + 1
    quote = Quote(_span(text, content), "direct", None, TextSpan.of(text, start, start + 2))
    assert resolve_speakers(nlp(text), [quote])[0].name == name


@pytest.mark.slow
def test_resolve_pronoun_after_a_quotation_a_colon_introduces_is_the_introducer(nlp):
    # not the person the story was about before, nor one named in the introduction's object
    text = (
        "Peter Santilli streamed the standoff for days. He said he would die a free man. Prosecutors called him "
        "dangerous. Judge Michael Mosman heard the case on Friday.\n\nMosman saw Santilli's words differently: "
        '"When he says he will die a free man, I take that seriously," he said.'
    )
    start = text.index('" he said') + 2
    quote = Quote(_span(text, "When he says he will die a free man, I take that seriously,"), "direct", None, TextSpan.of(text, start, start + 2))
    assert resolve_speakers(nlp(text), [quote])[0].name == "Michael Mosman"


@pytest.mark.slow
def test_resolve_statement_in_the_next_sentence_names_no_maker(nlp):
    # a document names its maker in its own sentence: "the statement" a sentence on is a document
    text = '"We moved to a bigger office," the Trump campaign said on Tuesday. "The rent is fair," the statement said.'
    quotes = [
        Quote(_span(text, "We moved to a bigger office,"), "direct", None, _span(text, "the Trump campaign")),
        Quote(_span(text, "The rent is fair,"), "direct", None, _span(text, "the statement")),
    ]
    assert [(s.name, s.speaker_type) for s in resolve_speakers(nlp(text), quotes)] == [("Trump campaign", "organization"), ("", "media")]


@pytest.mark.slow
def test_resolve_pronoun_is_the_subject_of_the_phrase_before_it(nlp):
    text = (
        "During the campaign, Mitt Romney accused Obama of bungling the recovery, and Romney pledged to cut the jobless "
        "rate. In an example of how sensitive Obama is about his legacy, he used his address to call out Trump."
    )
    quote = Quote(_span(text, "Trump"), "indirect", None, TextSpan.of(text, text.index(", he") + 2, text.index(", he") + 4))
    assert resolve_speakers(nlp(text), [quote])[0].name == "Obama"


@pytest.mark.slow
def test_resolve_pronoun_after_a_condition_is_not_its_subject(nlp):
    text = (
        "“I am purple,” Jim Bennett said. “I vote for people,” Bennett said. “I like Sanders,” Bennett said. "
        "If Trump does not become the nominee, he said he would settle for one of his rivals."
    )
    quotes = [
        Quote(_span(text, "I am purple,"), "direct", None, _span(text, "Jim Bennett")),
        Quote(_span(text, "I vote for people,"), "direct", None, _span(text, "Bennett", 2)),
        Quote(_span(text, "I like Sanders,"), "direct", None, _span(text, "Bennett", 3)),
        Quote(_span(text, "he would settle for one of his rivals"), "indirect", None, TextSpan.of(text, text.index(", he") + 2, text.index(", he") + 4)),
    ]
    assert [s.name for s in resolve_speakers(nlp(text), quotes)] == ["Jim Bennett"] * 4


@pytest.mark.slow
def test_resolve_pronoun_prefers_latest_speaker(resolve_one):
    text = "Leonid Slutsky praised the treaty. Andrey Rudenko requested ratification.\nHe added that it was defensive."
    assert resolve_one(text, "He").name == "Andrey Rudenko"


@pytest.mark.slow
def test_resolve_pronoun_after_a_long_quote_is_its_speaker(nlp):
    # the speaker stays salient to the end of a quote that runs on past "she said", beyond the
    # people named in her words
    text = (
        "Sarah Palin spoke in Miami on Wednesday. “Many of us are horrified by Donald Trump. I am one of them,” she said. "
        "“We will not beat Donald Trump by scolding voters. We have to beat Donald Trump at the ballot box. "
        "The only man who can beat Donald Trump is Ted Cruz.” She also compared Trump to Hillary Clinton."
    )
    quotes = [
        Quote(TextSpan.of(text, text.index("Many of us"), text.index(" She also")), "direct", None, _span(text, "she")),
        Quote(_span(text, "Trump to Hillary Clinton"), "indirect", None, _span(text, "She")),
    ]
    assert [s.name for s in resolve_speakers(nlp(text), quotes)] == ["Sarah Palin", "Sarah Palin"]


CONTINUATIONS = [
    # "He continued" goes on with the last quote's speaker, past a person named in his words
    (
        "The Post released a statement by its editor, Martin Baron. “Donald Trump is a candidate unlike any other,” said Baron. "
        "“His candidacy has defied all conventions. Given that he could win, Donald Trump’s life deserves to be explored.”\n\n"
        "He continued, “That is what we intend to do.”",
        "That is what we intend to do.",
        "continued",
        "Martin Baron",
    ),
    # but not past one the narration names since
    (
        "Martin Baron spoke on Monday. “Donald Trump is a candidate unlike any other,” said Baron.\n\n"
        "Donald Trump answered on Twitter. He added that the paper was failing.",
        "the paper was failing",
        "added",
        "Donald Trump",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, content, cue, name", CONTINUATIONS)
def test_resolve_pronoun_continuing_is_the_last_speaker(nlp, text, content, cue, name):
    quotes = [
        Quote(_span(text, "Donald Trump is a candidate unlike any other,"), "direct", None, _span(text, "Baron", 2)),
        Quote(_span(text, content), "direct", _span(text, cue), _span(text, "He")),
    ]
    assert [s.name for s in resolve_speakers(nlp(text), quotes)] == ["Martin Baron", name]


@pytest.mark.slow
def test_resolve_first_person_is_the_quotes_speaker(nlp):
    text = '"I will win this race," Donald Trump said on Monday.'
    outer = Quote(_span(text, "I will win this race,"), "direct", _span(text, "said"), _span(text, "Donald Trump"))
    inner = Quote(_span(text, "will win this race"), "indirect", None, _span(text, "I"))
    speakers = resolve_speakers(nlp(text), [inner, outer])
    assert [s.name for s in speakers] == ["Donald Trump", "Donald Trump"]


@pytest.mark.slow
def test_resolve_keeps_mention_and_sets_id(resolve_one):
    text = "NATO (North Atlantic Treaty Organization) also announced the deployment."
    speaker = resolve_one(text, "NATO")
    assert speaker.mention == _span(text, "NATO")
    assert speaker.name in ("NATO", "North Atlantic Treaty Organization")
    assert speaker.speaker_id == f"organization:{speaker.name.lower().replace(' ', '-')}"


@pytest.mark.slow
def test_resolve_one_speaker_per_quote_in_order(nlp):
    text = "Officials said one thing. Lloyd Austin said another."
    quotes = [
        Quote(_span(text, "another"), "indirect", None, _span(text, "Lloyd Austin")),
        Quote(_span(text, "one thing"), "indirect", None, _span(text, "Officials")),
    ]
    assert [s.name for s in resolve_speakers(nlp(text), quotes)] == ["Lloyd Austin", ""]


@pytest.mark.slow
@pytest.mark.parametrize("text", ["", "   ", "“”", "he", "\n\n", "A: I think so."])
def test_resolve_never_crashes_on_odd_text(nlp, text):
    quote = Quote(TextSpan.of(text, 0, len(text)), "indirect", None, TextSpan.of(text, 0, len(text)))
    (speaker,) = resolve_speakers(nlp(text), [quote])
    assert speaker.speaker_type in ("person", "organization", "media", "country", "unnamed", "none")


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ('He said, "I will go." Then left.', 10, (9, 21)),
        ("He said “we won” loudly.", 9, (8, 16)),
        ("''I am sick of it,'' said Ms. Leon.", 3, (0, 20)),
        ('No quotation here, I think.', 19, None),
        ('"Closed." I said.', 10, None),  # after the closing mark: outside
    ],
)
def test_resolve_quoted_region(text, offset, expected):
    assert quoted_region(text, offset) == expected


@pytest.mark.slow
def test_resolve_role_from_a_later_description(nlp):
    """A person named bare takes the role the narration describes them by, in every quote of
    theirs, even one before the description ("... Trump said. The real estate mogul said ...")."""
    text = (
        'Donald Trump spoke in Ohio on Monday. "They are moving it to Mexico," Trump said. '
        "The real estate mogul said the club was a money-maker."
    )
    quotes = [
        Quote(_span(text, "They are moving it to Mexico,"), "direct", None, _span(text, "Trump", 2)),
        Quote(_span(text, "the club was a money-maker"), "indirect", None, _span(text, "The real estate mogul")),
    ]
    speakers = resolve_speakers(nlp(text), quotes)
    assert [(s.name, s.role) for s in speakers] == [("Donald Trump", "real estate mogul")] * 2


@pytest.mark.slow
def test_resolve_description_says_more_than_a_form_of_address(nlp):
    text = 'Sen. Bernie Sanders spoke in Ohio. "We will win," Sanders said. The Vermont senator said the race was open.'
    quotes = [Quote(_span(text, "We will win,"), "direct", None, _span(text, "Sanders", 2))]
    assert [(s.name, s.role) for s in resolve_speakers(nlp(text), quotes)] == [("Bernie Sanders", "Vermont senator")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, mention, cue, expected",
    [
        ("It seems increasingly likely that Donald Trump will be the nominee.", "It", "seems", "none"),
        ("This seems like a fine and fair idea.", "This", "seems", "none"),
        ("The report came out on Monday. It said the economy grew.", "It", "said", "media"),
        ("It's hard to imagine Republican incumbents surviving in Wisconsin.", "It", "imagine", "none"),
        ("It is safe to say that he was referring to Mexico.", "It", "say", "none"),
        ("The board met on Monday. It wants to raise the fees.", "It", "wants", "unnamed"),
    ],
)
def test_resolve_dummy_subject_of_seeming_is_no_source(nlp, text, mention, cue, expected):
    """"It seems that ...": a pronoun with a verb of seeming or being names no one (the spec's
    none); an "it" that says something is the document before it, or someone unnamed."""
    content = TextSpan.of(text, text.index(cue) + len(cue) + 1, len(text) - 1)
    quote = Quote(content, "indirect", _span(text, cue), _span(text, mention))
    assert resolve_speakers(nlp(text), [quote])[0].speaker_type == expected


@pytest.mark.slow
def test_resolve_title_after_the_is_no_organisation(speaker_of):
    """The rule that makes "The Blaze" an organisation leaves a person's title alone."""
    text = "President Barack Obama spoke on Monday in a long speech to the nation. The President said the economy grew."
    assert speaker_of(text, "The President")[1] == "person"


def _parsed_with_entities(nlp, text: str, entities: list[tuple[str, str, int]]):
    """`text` parsed, with NER's entities replaced by (words, label, occurrence): a test pins what NER read."""
    doc = nlp(text)
    doc.ents = [doc.char_span(at.start, at.end, label=label) for words, label, occurrence in entities for at in [_span(text, words, occurrence)]]
    return doc


NER_READINGS = [
    # NER read "The Morning Consult" as a work of art: the poll still names the maker found before
    (
        "In the new Morning Consult poll, 40 percent of voters back Sanders.\n\nThe Morning Consult poll showed that Donald Trump remained in the lead.",
        [("The Morning Consult", "WORK_OF_ART", 1), ("Donald Trump", "PERSON", 1)],
        ("that Donald Trump remained in the lead", "The Morning Consult poll", 1),
        ("Morning Consult", "media"),
    ),
    # "Wilayat Twitter" is an account NER took for a person; "Twitter" alone, untagged, is the platform
    (
        "Extremists ran an account named Wilayat Twitter.\n\nTwitter has now made clear that it was stepping up its fight.",
        [("Wilayat Twitter", "PERSON", 1)],
        ("that it was stepping up its fight", "Twitter", 2),
        ("Twitter", "organization"),
    ),
    # "McKeague" is no str.istitle(); NER left it untagged, the story named David McKeague before
    (
        "Circuit Court Judge David McKeague wrote for the majority.\n\n“Restraint is in order,” McKeague wrote.",
        [("David McKeague", "PERSON", 1)],
        ("Restraint is in order,", "McKeague", 2),
        ("David McKeague", "person"),
    ),
    # an untagged first name with an inner capital before a known surname is another person ("DeAndre")
    (
        "Michael Jordan retired in 2003.\n\nDeAndre Jordan said that the team would win.",
        [("Michael Jordan", "PERSON", 1), ("Jordan", "PERSON", 2)],
        ("that the team would win", "DeAndre Jordan", 1),
        ("DeAndre Jordan", "person"),
    ),
    # a name NER read as a place, set beside a word for a relative, is a person's
    (
        "The senator arrived with his wife, Melania, on Monday. Melania said that the campaign was going well.",
        [("Melania", "GPE", 1), ("Melania", "GPE", 2)],
        ("that the campaign was going well", "Melania", 2),
        ("Melania", "person"),
    ),
    # ... and so is a name with an age beside it, or a "who" clause on it
    (
        "Ramos, 58, said that the network was wrong.",
        [("Ramos", "ORG", 1)],
        ("that the network was wrong", "Ramos", 1),
        ("Ramos", "person"),
    ),
    (
        "Darrow, who has written two books on the painter, said that the picture was a fake.",
        [("Darrow", "GPE", 1)],
        ("that the picture was a fake", "Darrow", 1),
        ("Darrow", "person"),
    ),
    # "McConnell" is no str.istitle(): a first name and surname called by the surname alone is a person
    # a one-word name NER reads as a person once and as an organisation elsewhere is a person
    (
        "Trump spoke in Ohio on Monday. Trump said that Romney had a crazy policy.",
        [("Trump", "PERSON", 1), ("Trump", "ORG", 2)],
        ("that Romney had a crazy policy", "Trump", 2),
        ("Trump", "person"),
    ),
    # ... also written in capitals, as a transcript's label; but an acronym read as a person stays an organisation
    (
        "Fallin spoke to CNN on Sunday.\n\nFALLIN said that the whole nation needs to heal.",
        [("Fallin", "PERSON", 1), ("FALLIN", "ORG", 1)],
        ("that the whole nation needs to heal", "FALLIN", 1),
        ("Fallin", "person"),
    ),
    (
        "SVP won the vote in March. The SVP said that the law was unfair.",
        [("SVP", "PERSON", 1), ("SVP", "ORG", 2)],
        ("that the law was unfair", "SVP", 2),
        ("SVP", "organization"),
    ),
    (
        "Mitch McConnell blocked the vote on Tuesday. McConnell spoke to reporters. Later, McConnell said that the Senate would wait.",
        [("Mitch McConnell", "ORG", 1), ("McConnell", "ORG", 2), ("McConnell", "ORG", 3)],
        ("that the Senate would wait", "McConnell", 3),
        ("Mitch McConnell", "person"),
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, entities, quoted, expected", NER_READINGS)
def test_resolve_where_ner_read_names_thus(nlp, text, entities, quoted, expected):
    content, mention, occurrence = quoted
    quote = Quote(_span(text, content), "indirect", None, _span(text, mention, occurrence))
    (speaker,) = resolve_speakers(_parsed_with_entities(nlp, text, entities), [quote])
    assert (speaker.name, speaker.speaker_type) == expected


@pytest.mark.slow
def test_resolve_first_name_the_entity_also_goes_by_is_the_same_person(nlp):
    # "Crooked Hillary Clinton" is also "Hillary Clinton": "Democrat Hillary Clinton" is no one new
    # (NER's "Crooked Hillary Clinton" still makes an entity of its own: a known weakness)
    text = (
        'Hillary Clinton said that she would win. Trump called her "Crooked Hillary Clinton" again.\n\n'
        "At the debate, Democrat Hillary Clinton said that the tweets were cruel."
    )
    quotes = [
        Quote(_span(text, "that she would win"), "indirect", None, _span(text, "Hillary Clinton")),
        Quote(_span(text, "that the tweets were cruel"), "indirect", None, _span(text, "Democrat Hillary Clinton")),
    ]
    entities = [("Hillary Clinton", "PERSON", 1), ("Crooked Hillary Clinton", "PERSON", 1), ("Democrat", "NORP", 1), ("Hillary Clinton", "PERSON", 3)]
    _, second = resolve_speakers(_parsed_with_entities(nlp, text, entities), quotes)
    assert second.name.endswith("Hillary Clinton") and "Democrat" not in second.name
