"""Scores as JSON-ready data and as a plain table for the terminal."""

from __future__ import annotations

from attribution.evaluate.scores import PRF, Ratio, Scores

RATIO_FIELDS = ("source", "cue", "speaker_name", "speaker_type", "speaker_role")


def _ratio(ratio: Ratio | None) -> dict | None:
    return None if ratio is None else {"value": ratio.value, "k": ratio.k, "n": ratio.n}


def _prf(prf: PRF) -> dict:
    return {
        "precision": prf.precision,
        "recall": prf.recall,
        "f1": prf.f1,
        "matched": prf.matched,
        "predicted": prf.predicted,
        "gold": prf.gold,
    }


def scores_to_dict(scores: Scores) -> dict:
    """Every number with its counts; None (JSON null) where nothing could be counted."""
    return {
        "documents": scores.documents,
        "ignored_rows": scores.ignored_rows,
        "content": {"lenient": _prf(scores.lenient), "strict": _prf(scores.strict)},
        **{name: _ratio(getattr(scores, name)) for name in RATIO_FIELDS},
        "stance": {
            "accuracy": _ratio(scores.stance.accuracy),
            "macro_f1": scores.stance.macro_f1,
            "n": scores.stance.accuracy.n,
            "per_label": {
                s.label: {"f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn, "support": s.support}
                for s in scores.stance.per_label
            },
        },
        "required": _ratio(scores.required),
        "negatives_reported": _ratio(scores.negatives),
        "by_quote_type": {
            t.quote_type: {"recall": _ratio(t.recall), "precision": _ratio(t.precision)} for t in scores.by_quote_type
        },
    }


def _number(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio_row(label: str, ratio: Ratio) -> tuple[str, str, str]:
    return label, _number(ratio.value), f"{ratio.k}/{ratio.n}"


def _rows(scores: Scores) -> list[tuple[str, str, str]]:
    rows = []
    for name, prf in (("lenient", scores.lenient), ("strict", scores.strict)):
        rows += [
            (f"content precision ({name})", _number(prf.precision), f"{prf.matched}/{prf.predicted}"),
            (f"content recall ({name})", _number(prf.recall), f"{prf.matched}/{prf.gold}"),
            (f"content F1 ({name})", _number(prf.f1), ""),
        ]
    rows += [_ratio_row(f"{name.replace('_', ' ')} accuracy", getattr(scores, name)) for name in RATIO_FIELDS]
    stance = scores.stance
    rows += [
        _ratio_row("stance accuracy", stance.accuracy),
        ("stance macro-F1", _number(stance.macro_f1), f"n={stance.accuracy.n}"),
    ]
    rows += [(f"  stance F1 {s.label}", _number(s.f1), f"support={s.support}") for s in stance.per_label]
    if scores.required is not None:
        rows.append(_ratio_row("required quotes found", scores.required))
    if scores.negatives is not None:
        rows.append(_ratio_row("negatives reported (lower is better)", scores.negatives))
    for t in scores.by_quote_type:
        rows += [
            _ratio_row(f"  {t.quote_type}: recall (lenient)", t.recall),
            _ratio_row(f"  {t.quote_type}: precision (lenient)", t.precision),
        ]
    return rows


def format_scores(scores: Scores, title: str = "") -> str:
    """A plain aligned table; counts are k/n, "n/a" where nothing could be counted."""
    prf = scores.lenient
    summary = f"{scores.documents} documents, {prf.gold} gold attributions, {prf.predicted} predicted rows"
    if scores.ignored_rows:
        summary += f" ({scores.ignored_rows} rows for other documents ignored)"
    rows = [("metric", "value", "counts"), *_rows(scores)]
    width = max(len(r[0]) for r in rows)
    body = [f"{label:<{width}}  {value:>6}  {counts}".rstrip() for label, value, counts in rows]
    return "\n".join([*([title] if title else []), summary, "", *body])
