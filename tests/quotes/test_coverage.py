import pytest

from attribution.quotes.coverage import Coverage
from attribution.types import TextSpan

TEXT = "0123456789" * 3


@pytest.mark.parametrize(
    "offset, held",
    [(2, False), (3, True), (9, True), (11, True), (12, False), (20, True), (24, False), (29, False)],
)
def test_coverage_holds_offsets_inside_merged_spans(offset, held):
    spans = [TextSpan.of(TEXT, 3, 10), TextSpan.of(TEXT, 8, 12), TextSpan.of(TEXT, 20, 24)]
    assert Coverage(spans).holds(offset) is held


def test_coverage_of_nothing_holds_nothing():
    assert not Coverage([]).holds(0)
