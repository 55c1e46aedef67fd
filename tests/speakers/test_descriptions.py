"""Descriptions as speakers: (text, description) -> (name, type, role); unnamed stays unnamed."""

from __future__ import annotations

import pytest

DESCRIPTIONS = [
    # a name in apposition to the description is the speaker, an outlet for a media word
    ("The Israeli newspaper Haaretz noted that officials do not meet radicals.", "The Israeli newspaper Haaretz", 1, ("Haaretz", "media", "")),
    # people named right after a plural speak together; a person the parser hung far from a plural does not
    ("Two objectors, Lawrence Joyce and William Graham, said the senator was not eligible.", "Two objectors", 1, ("Lawrence Joyce and William Graham", "person", "")),
    ("Nuclear experts David Albright and Serena Kelleher-Vergantini wrote that it works.", "Nuclear experts", 1, ("David Albright and Serena Kelleher-Vergantini", "person", "")),
    # a description given a name by "named", "identified as" or "called" is that name; "called X a liar" names no one
    ("A man named John Doe said that the police had lied.", "A man named John Doe", 1, ("John Doe", "person", "")),
    (
        "Clinton was working a rope line. A woman later identified as Eva Resnick-Day, an activist for Greenpeace, demanded to know more.",
        "A woman later identified as Eva Resnick-Day",
        1,
        ("Eva Resnick-Day", "person", "activist for Greenpeace"),
    ),
    ("Clinton was working a rope line. A woman later identified as Eva Resnick-Day demanded to know more.", "A woman", 1, ("Eva Resnick-Day", "person", "")),
    ("The CIA had two officers there. The base chief known as Bob said help was coming.", "The base chief known as Bob", 1, ("Bob", "person", "base chief")),
    ("An advocacy group called Our Principles said that the plan failed.", "An advocacy group called Our Principles", 1, ("Our Principles", "organization", "")),
    ("Trump spoke. A woman called Trump a liar and said that the plan failed.", "A woman", 1, ("", "unnamed", "")),
    (
        "Bernie Sanders spoke in Ohio. Sanders’ campaign called AP’s report a “rush to judgment,” because delegates can change their minds.",
        "Sanders’ campaign",
        1,
        ("Sanders’ campaign", "organization", ""),
    ),
    # a word that makes a title another office: only someone given that office, never the holder of the title alone
    ("Gen. John Allen spoke on Monday. The attorney general said that the case would be reviewed.", "The attorney general", 1, ("", "unnamed", "attorney general")),
    ("President Barack Obama spoke on Monday. The vice president said that the bill would pass.", "The vice president", 1, ("", "unnamed", "vice president")),
    ("Vice President Joe Biden met Barack Obama. The vice president said that the bill would pass.", "The vice president", 1, ("Joe Biden", "person", "Vice President")),
    ("Gen. John Allen spoke on Monday. The general said that the war would be won.", "The general", 1, ("John Allen", "person", "general")),
    (
        'Mike Pence, the Republican vice-presidential nominee, spoke in Ohio. "Let me help you out," the Republican vice-presidential nominee said.',
        "the Republican vice-presidential nominee",
        1,
        ("Mike Pence", "person", "Republican vice-presidential nominee"),
    ),
    # "the campaign" after "the Clinton campaign" is that phrase; a phrase whose owner comes after it names nothing
    ("Hillary Clinton spoke. The Clinton campaign raised money. The campaign said that it would win.", "The campaign", 1, ("Clinton campaign", "organization", "")),
    (
        "The rulings were liberal at a rate not seen since the famously liberal court led by Chief Justice Earl Warren. "
        "In March, the court announced that it had deadlocked.",
        "the court",
        1,
        ("", "unnamed", ""),
    ),
    # words owned by a description: the person the story gave that role
    ("Donald Trump, a businessman, spoke in Ohio. The businessman's rhetoric suggested that he would win.", "The businessman's rhetoric", 1, ("Donald Trump", "person", "businessman")),
    # a person known by age alone is the most salient person just before; "a 52-year-old" is someone new
    ("Jane Smith, a teacher, lost her job. The 52-year-old said the school had lied.", "The 52-year-old", 1, ("Jane Smith", "person", "teacher")),
    (
        "Peter Serafinowicz posted the clip on Thursday. “What if Donald Trump had elocution lessons?” the 43-year-old asked.",
        "the 43-year-old",
        1,
        ("Peter Serafinowicz", "person", ""),
    ),
    ("Jane Smith, a teacher, lost her job. A 52-year-old said the school had lied.", "A 52-year-old", 1, ("", "unnamed", "")),
    # "both" and "the two" point back to the two people just named, of the noun's gender, in the document's order
    ("Hillary Clinton and Elizabeth Warren spoke in Ohio. Both women said the deal was dead.", "Both women", 1, ("Hillary Clinton and Elizabeth Warren", "person", "")),
    ("Mrs. Clinton said Ms. Warren spoke for all. Mr. Trump was not there. Both women said the deal was dead.", "Both women", 1, ("Clinton and Warren", "person", "")),
    ("Senator Cruz met Senator Rubio. The two senators said the deal was dead.", "The two senators", 1, ("Cruz and Rubio", "person", "")),
    ("Clinton met Rubio. A debate between Cruz and Rubio came next. Both said the deal was dead.", "Both", 1, ("Cruz and Rubio", "person", "")),
    # "both" alone is as often two places or things: it needs people named together
    ("Clinton met Sanders in Iowa. Both said the deal was dead.", "Both", 1, ("", "unnamed", "")),
    # a third person named since the pair makes "both" unsure
    ("Clinton and Sanders met in Iowa. Rubio spoke later. Both said the deal was dead.", "Both", 1, ("", "unnamed", "")),
    # "both A and B" is a coordination; one person, or a pair of organisations, is no pair of people
    ("The poll counts both Democrats and independents who said they would vote. Clinton leads Sanders.", "who", 1, ("", "unnamed", "")),
    ("Clinton met voters in Iowa. Both women said the deal was dead.", "Both women", 1, ("", "unnamed", "")),
    ("Pfizer met Allergan in Iowa. Both companies said the deal was dead.", "Both companies", 1, ("", "unnamed", "")),
    (
        "The lawyers also pointed to the candidacies of two former hopefuls, Sen. John McCain of Arizona and former Michigan Gov. George Romney, as examples.",
        "The lawyers",
        1,
        ("", "unnamed", ""),
    ),
    # for or against someone is not theirs, and a lone "PAC" is no name
    ("A pro-Rubio super PAC said the ad was false.", "A pro-Rubio super PAC", 1, ("", "unnamed", "")),
    ("An anti-Donald Trump super PAC said the ad works.", "An anti-Donald Trump super PAC", 1, ("", "unnamed", "")),
    # a place before a media word says where, not who
    ("A Baton Rouge newspaper called on Hillary Clinton to visit the state.", "A Baton Rouge newspaper", 1, ("", "media", "")),
    # a poll or record speaks for its maker named before it (type media: a document)
    ("A CNN poll showed Hillary Clinton ahead in Ohio.", "A CNN poll", 1, ("CNN", "media", "")),
    ("Federal Election Commission records show the PAC spent $3 million.", "Federal Election Commission records", 1, ("Federal Election Commission", "media", "")),
    # but a report is its outlet's, and a maker after "by" or before "'s" is the speaker
    ("A CNN report said the senator would resign.", "A CNN report", 1, ("CNN", "media", "")),
    ("A recent poll by RealClearPolitics found Trump ahead.", "A recent poll by RealClearPolitics", 1, ("RealClearPolitics", "media", "")),
    # "the" hung on the verb by the parser still makes the description definite
    (
        "The National Golf Foundation counts the courses. Between 130 and 160 courses are closing every year, "
        "a trend that the foundation predicts will continue.",
        "the foundation",
        1,
        ("National Golf Foundation", "organization", ""),
    ),
    # an owner before a person's title does not stop the title naming the person titled so before
    (
        "Sen. Kelly Ayotte faces a tough race. Groups have spent $10 million attacking Ayotte. The GOP senator said she would win.",
        "The GOP senator",
        1,
        ("Kelly Ayotte", "person", "GOP senator"),  # what the narration calls her says more than "Sen."
    ),
    # a party before a title says which party, not whose; a title split at its hyphen is still one
    ("Donald Trump spoke in Iowa on Monday. The crowd cheered. The GOP front-runner said the wall would be built.", "The GOP front-runner", 1, ("Donald Trump", "person", "")),
    # but it does stop a guess: no spokesman was named before
    (
        "Donald Trump spoke in Ohio on Monday. The Pentagon spokesman said the strikes would go on.",
        "The Pentagon spokesman",
        1,
        ("", "unnamed", "Pentagon spokesman"),
    ),
    # people named by whom they work for stay unnamed
    ("Clinton officials were thrilled with the editorial.", "Clinton officials", 1, ("", "unnamed", "")),
    ("Trump aides said the rally would go ahead.", "Trump aides", 1, ("", "unnamed", "")),
    ("A neighbor said the house was empty.", "A neighbor", 1, ("", "unnamed", "")),
    # someone's words name their owner, who keeps their own type
    ("Donald Trump's harsh rhetoric has drawn attention to the border.", "Donald Trump's harsh rhetoric", 1, ("Donald Trump", "person", "")),
    ("Bernie Sanders lost three states on Tuesday. But his speech barely touched on the defeats.", "his speech", 1, ("Bernie Sanders", "person", "")),
    (
        "The unrest at rallies is the subject of a new cable ad from Our Principles PAC, which is spending heavily against Trump.",
        "a new cable ad from Our Principles PAC, which is spending heavily against Trump",
        1,
        ("Our Principles PAC", "organization", ""),
    ),
    # "the statement" is whoever made the statement written before in its sentence; a sentence
    # later, only the statement (a document names its maker in its own sentence)
    (
        "The mayor's press secretary, Dana Reyes, provided a written statement, and the statement said the mayor regrets the delay.",
        "the statement",
        1,
        ("Dana Reyes", "person", "mayor's press secretary"),
    ),
    (
        "The mayor's press secretary, Dana Reyes, provided a written statement. \"The mayor regrets the delay,\" the statement said.",
        "the statement",
        1,
        ("", "media", ""),
    ),
    # a description that says whose it is, or what office it holds, or that names the unnamed, is no
    # one just spoken of
    ("Prime Minister Karl Berg criticised the plan. The prime minister's spokesman said Berg stood by it.", "The prime minister's spokesman", 1, ("", "unnamed", "prime minister's spokesman")),
    ("Prime Minister Karl Berg criticised the plan. The spokesman declined to say more.", "The spokesman", 1, ("", "unnamed", "spokesman")),
    (
        "Donald Trump faces many lawsuits. The attorney general of the state of New York is suing him over the school.",
        "The attorney general of the state of New York",
        1,
        ("", "unnamed", "attorney general of the state of New York"),
    ),
    # but the person titled so before still is
    ("Clinton spokesman Jesse Ferguson spoke first. The spokesman said the plan was wrong.", "The spokesman", 1, ("Jesse Ferguson", "person", "Clinton spokesman")),
    # a capitalised number owns nothing: the organisations stay unnamed
    (
        "Senator Under Pressure To Drop Adviser Who Praised Internment Camps.\n\nEleven civic and Muslim "
        "organizations are asking Hillary Clinton to drop a retired general.",
        "Eleven civic and Muslim organizations",
        1,
        ("", "unnamed", ""),
    ),
    # "the company" is the organisation just spoken of, before a company phrase further back
    (
        "Donald Trump once held shares in Nabisco's parent company. Trump attacked Apple in February, when the company refused to unlock an iPhone.",
        "the company",
        1,
        ("Apple", "organization", ""),
    ),
    # "the campaign" with none named: the campaign of the candidate just spoken of; one named with
    # a possessive keeps it, as the story writes it
    ("Bernie Sanders cut 200 staff members on Tuesday. The campaign has not said which states it will drop.", "The campaign", 1, ("Sanders campaign", "organization", "")),
    ("Carly Fiorina spoke in Iowa. Fiorina's team said she had no paid speeches planned.", "Fiorina's team", 1, ("Fiorina's team", "organization", "")),
    ("Donald Trump spoke in Ohio. Trump's campaign said the rally would go ahead.", "Trump's campaign", 1, ("Trump's campaign", "organization", "")),
    # a definite organisation its modifiers single out is named by them; an adjective alone names nothing
    ("The Kestovian army said a drone had crossed the border.", "The Kestovian army", 1, ("Kestovian army", "organization", "")),
    ("The agriculture ministry said a virus was responsible.", "The agriculture ministry", 1, ("agriculture ministry", "organization", "")),
    ("The new company said profits rose.", "The new company", 1, ("", "unnamed", "")),
    # an office keeps its holder's possessive, as English names it
    ("Colin Powell declined to comment. His office said he could not recall the dinner.", "His office", 1, ("Powell's office", "organization", "")),
    # a poll's maker: named by "released by"; a poll named by its maker, also as "the poll" later
    # in its sentence, but not in the next one
    ("Trump trails in a poll released on Friday by Latino Decisions, and most Latino voters view him unfavorably, the poll found.", "the poll", 1, ("Latino Decisions", "media", "")),
    ("Trump trails badly, according to a poll released on Friday by Latino Decisions. Most Latino voters view him unfavorably, the poll found.", "the poll", 1, ("", "media", "")),
    ("Likely voters were asked about the race in a national USA TODAY/Suffolk University Poll, and the poll shows a tight contest.", "the poll", 1, ("USA TODAY/Suffolk University", "media", "")),
    ("In a national USA TODAY/Suffolk University Poll, likely voters were asked about the race. The poll shows a tight contest.", "The poll", 1, ("", "media", "")),
    ("As Michael Bloomberg weighs a run, a Morning Consult Poll found he would take votes from Clinton.", "a Morning Consult Poll", 1, ("Morning Consult", "media", "")),
    # an organisation described first and named a little later is that one; a description the names do not end in stays unnamed
    ("A conservative super PAC said on Thursday that he was a fraud. The ad is part of a buy from Our Principles PAC.", "A conservative super PAC", 1, ("Our Principles PAC", "organization", "")),
    ("A group said on Thursday that he was a fraud. Our Principles PAC paid for the ad.", "A group", 1, ("", "unnamed", "")),
    ("Super PAC blasts Trump for skipping debate.\n\nThe ad is part of a buy from Our Principles PAC.", "Super PAC", 1, ("Our Principles PAC", "organization", "")),
    (
        "Days before the caucus, the super PAC backing Hillary Clinton is using its muscle to undo a narrative that "
        "she is weak. The super PAC, Priorities USA Action, has made a six-figure ad buy.",
        "the super PAC backing Hillary Clinton",
        1,
        ("Priorities USA Action", "organization", ""),
    ),
    # a document made by two makers joined by a slash is named by both, as written
    ("A new USA TODAY/Rock the Vote survey of young voters found that most were undecided.", "A new USA TODAY/Rock the Vote survey", 1, ("USA TODAY/Rock the Vote", "media", "")),
    # a statement the subject puts out is the subject's; one they receive is not
    ("Bernie Sanders showed no sign of backing down, releasing a statement that accused the leaders of unfairness.", "that", 1, ("Bernie Sanders", "person", "")),
    ("Bernie Sanders received a letter that accused the leaders of unfairness.", "that", 1, ("", "media", "")),
    # a collection noun stands for what it gathers
    ("Bernie Sanders penned a series of letters that accused the leaders of unfairness.", "that", 1, ("Bernie Sanders", "person", "")),
    # a statement written by people named together is theirs together
    ("Bob Goodlatte and Trey Gowdy wrote a letter to the director on Monday, and the letter said that the agency had failed.", "the letter", 1, ("Bob Goodlatte and Trey Gowdy", "person", "")),
    # "the newspaper" is the only outlet named before, however far back; with two, no guess
    (
        "The Wall Street Journal called on Trump to drop out. He did not. The party met. The delegates argued. The chair "
        "spoke. The vote was close. The hall emptied. \"He needs to stop,\" the conservative-leaning newspaper wrote.",
        "the conservative-leaning newspaper",
        1,
        ("Wall Street Journal", "media", ""),
    ),
    (
        "The Wall Street Journal and The New York Times called on Trump to drop out. He did not. The party met. The delegates "
        "argued. The chair spoke. The vote was close. The hall emptied. \"He needs to stop,\" the newspaper wrote.",
        "the newspaper",
        1,
        ("", "media", ""),
    ),
    # "the budget office" long after "the Congressional Budget Office" is that office, by its name
    (
        "The nonpartisan Congressional Budget Office reported on Tuesday that deficits will rise. Obama spoke. Ryan spoke. "
        "Pelosi spoke. Reid spoke. McConnell spoke. Biden spoke. Kerry spoke. Clinton spoke. Over the long term, the "
        "budget office said, costs will grow.",
        "the budget office",
        1,
        ("Congressional Budget Office", "organization", ""),
    ),
    # a statement from an organisation that a description names is that organisation's
    # a headline's first word the story writes in lower case makes no pollster ("New Poll Shows ...")
    (
        "New Poll Shows Large Gap Emerging Between Candidates.\n\nA new survey of voters found that the race had changed.",
        "New Poll",
        1,
        ("", "media", ""),
    ),
    # a candidate's "camp" is the campaign, an organisation; a camp of tents is nobody
    ("Bernie Sanders spoke in Ohio. The Sanders camp said the vote was rigged.", "The Sanders camp", 1, ("Sanders camp", "organization", "")),
    ("The refugees arrived at the camp on Monday. The camp said food was short.", "The camp", 1, ("", "unnamed", "")),
    ("Hillary Clinton spoke on Monday. A statement from the Clinton campaign said she would not attend.", "A statement from the Clinton campaign", 1, ("Clinton campaign", "organization", "")),
    ("Paul Ryan spoke on Monday. A statement from Ryan's office said he would not attend.", "A statement from Ryan's office", 1, ("Ryan's office", "organization", "")),
    # a survey is its maker's, as a document: media
    (
        "The Public Policy Institute of California ran the poll. A survey by the organization in March found that Clinton led.",
        "A survey by the organization in March",
        1,
        ("Public Policy Institute of California", "media", ""),
    ),
    # a description with no title word is the person named before with that role, by a full name
    (
        "Ben Carson, a retired neurosurgeon, spoke in Iowa. The retired neurosurgeon said the country was in trouble.",
        "The retired neurosurgeon",
        1,
        ("Ben Carson", "person", "retired neurosurgeon"),
    ),
    # what someone was is their title, whatever the noun: the person just spoken of
    ("Ben Carson spoke in Iowa. Carson has plunged in polls. The retired neurosurgeon said he would reboot.", "The retired neurosurgeon", 1, ("Ben Carson", "person", "")),
    # an office held before is the person's, even with its "of": not the senator just named beside her
    (
        "Bernie Sanders, a senator from Vermont, beat Hillary Clinton in New Hampshire. "
        "The former secretary of state said that the race would go on.",
        "The former secretary of state",
        1,
        ("Hillary Clinton", "person", "former secretary of state"),
    ),
    # an office NER took for an organisation's name is a title after "former" ("Union Leader" is a newspaper)
    ("Newt Gingrich spoke on Friday. The former House Speaker said that he would consider it.", "The former House Speaker", 1, ("Newt Gingrich", "person", "former House Speaker")),
    # a name inside the description is no one it refers back to
    (
        "Not everyone is on the Trump train. Just ask former NFL star Herschel Walker.\n\n"
        "The former Heisman Trophy winner said that he had been denied work.",
        "The former Heisman Trophy winner",
        1,
        ("Herschel Walker", "person", "former NFL star"),
    ),
    # a word for what someone is (here, rich) means the person just spoken of
    ("Mark Cuban spoke on Sunday. “I would support Trump,” the investor said.", "the investor", 1, ("Mark Cuban", "person", "investor")),
    # an outlet NER took for a place still owns its poll; a place only says where from
    ("Clinton needs unity. A recent Bloomberg poll showed that only 55 percent of Sanders supporters would back her.", "A recent Bloomberg poll", 1, ("Bloomberg", "media", "")),
    ("Clinton needs unity. A Baton Rouge newspaper reported that only 55 percent of Sanders supporters would back her.", "A Baton Rouge newspaper", 1, ("", "media", "")),
    # a lede's description is the one person the story goes on to name with that title, when no
    # one was named before it; not when two are so named, nor after a person was named
    (
        "Trump University records must be released, judge rules.\n\nA federal judge has ordered the release of the documents. "
        "The ruling, in which Judge Gonzalo Curiel cited public interest, came on Friday.",
        "A federal judge",
        1,
        ("Gonzalo Curiel", "person", "Judge"),
    ),
    (
        "Trump University records must be released, judge rules.\n\nA federal judge has ordered the release of the documents. "
        "Judge Gonzalo Curiel and Judge Ann Smith heard the case.",
        "A federal judge",
        1,
        ("", "unnamed", "federal judge"),
    ),
    (
        "Gallery stands firm.\n\nThe gallery dismissed the claims, a day after a prominent art historian said the work was a forgery. "
        "Lucien Darrow, the historian, was not persuaded.",
        "a prominent art historian",
        1,
        ("Lucien Darrow", "person", "historian"),
    ),
    (
        "Donald Trump lost a ruling.\n\nA federal judge has ordered the release of his documents. Judge Gonzalo Curiel heard the case.",
        "A federal judge",
        1,
        ("", "unnamed", "federal judge"),
    ),
    # a country or place speaks as "the kingdom", "the city"
    ("Saudi Arabia has long been accused of funding extremists. The kingdom has denied that it supports terrorism.", "The kingdom", 1, ("Saudi Arabia", "country", "")),
    ("Chicago paid $5 million to the family. The city said the settlement was fair.", "The city", 1, ("Chicago", "country", "")),
    # "the city of Chicago", "the state of Nevada": the place named after it; "the state" alone is
    # no place spoken of before ("the state" after "Flint" is Michigan)
    ("The city of Chicago said the parade would go ahead.", "The city of Chicago", 1, ("Chicago", "country", "")),
    ("Voters met in Reno. The state of Nevada said the caucus would go ahead.", "The state of Nevada", 1, ("Nevada", "country", "")),
    ("Flint switched its water supply in 2014. The state said it made a mistake.", "The state", 1, ("", "unnamed", "")),
    # not a one-word "name" read from an organisation, nor with "his": his doctor is someone else
    ("Hassan was elected to the New Hampshire state Senate in 2004. The state reported a low unemployment rate.", "The state", 1, ("", "unnamed", "")),
    ("Ben Carson, a retired neurosurgeon, spoke in Iowa. His neurosurgeon said the operation went well.", "His neurosurgeon", 1, ("", "unnamed", "")),
    # a name before a title says whose the titled person is: Clinton's official is unnamed
    ("Hillary Clinton spoke on Monday. A Clinton campaign official said the decision was final.", "A Clinton campaign official", 1, ("", "unnamed", "Clinton campaign official")),
    ("Hillary Clinton spoke on Monday. A Clinton spokesman said the decision was final.", "A Clinton spokesman", 1, ("", "unnamed", "Clinton spokesman")),
    # an organisation word in the plural is no name, even capitalised
    ("Money poured in this year. Super PACs said they raised more than ever.", "Super PACs", 1, ("", "unnamed", "")),
    # a title opening a headline is the person the story goes on to name with it ("Gov." is "Governor")
    (
        "Texas Gov. Hears About Obama’s Gun Grab, Launches Warning To White House.\n\nObama spoke on Monday. "
        "Texas Governor Greg Abbott said the plan was unconstitutional.",
        "Texas Gov.",
        1,
        ("Greg Abbott", "person", "Texas Governor"),
    ),
    # a title capitalised in a headline is no name, and with no one titled so later it stays unnamed
    ("Former Clinton Pollster Says Clinton Is In Trouble In California.\n\nThe race is close.", "Former Clinton Pollster", 1, ("", "unnamed", "Former Clinton Pollster")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, occurrence, expected", DESCRIPTIONS)
def test_descriptions_resolve(speaker_of, text, mention, occurrence, expected):
    assert speaker_of(text, mention, occurrence) == expected
