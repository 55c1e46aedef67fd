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
