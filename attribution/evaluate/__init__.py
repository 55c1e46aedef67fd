"""Score attribution rows against gold: PolNeAR (BRAT), our seed gold and our labels.

    >>> from attribution.evaluate import evaluate, load_gold, read_predictions
    >>> scores = evaluate(read_predictions("dev.csv"), load_gold("shared/data/polnear/dev"))
"""

from attribution.evaluate.gold import GoldDoc, GoldLabels, GoldQuote, GoldSet, Negative, gold_from_polnear
from attribution.evaluate.load import load_gold
from attribution.evaluate.predictions import read_predictions
from attribution.evaluate.report import format_scores, scores_to_dict
from attribution.evaluate.scores import Scores, evaluate, stance_scores

__all__ = [
    "GoldDoc",
    "GoldLabels",
    "GoldQuote",
    "GoldSet",
    "Negative",
    "Scores",
    "evaluate",
    "format_scores",
    "gold_from_polnear",
    "load_gold",
    "read_predictions",
    "scores_to_dict",
    "stance_scores",
]
