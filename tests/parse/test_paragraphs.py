import pytest


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected_starts",
    [
        ("The senator spoke at length\n\nVoters were not convinced by it", ["The", "Voters"]),
        ("The senator spoke at length\nVoters were not convinced by it", ["The", "Voters"]),
        ("The senator spoke at length and voters were not convinced.", ["The"]),  # no break, one sentence
    ],
)
def test_paragraphs_line_break_starts_a_sentence(nlp, text, expected_starts):
    doc = nlp(text)
    starts = [sent[0].text for sent in doc.sents if not sent[0].is_space]
    assert starts == expected_starts


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected_starts",
    [
        ("The troops will stay, said Pentagon spokesman Navy Capt. Jeff Davis.", ["The"]),
        ("Sens. Ted Cruz and Marco Rubio voted no. Lt. Gen. Michael Flynn spoke.", ["Sens.", "Lt."]),
        ("The vote was close. Capt. Davis said so.", ["The", "Capt."]),  # a sentence may still open with one
    ],
)
def test_paragraphs_abbreviated_title_ends_no_sentence(nlp, text, expected_starts):
    doc = nlp(text)
    assert [sent[0].text for sent in doc.sents] == expected_starts
    assert "Capt" not in [t.text for t in doc]  # "Capt." is one token, its full stop kept
