"""No regular expression in the package backtracks catastrophically: each one, run over adversarial
strings of 50,000 characters, stays within a CPU-time budget.

Patterns are found in the source: every call of re.compile, re.search, re.sub ... A pattern built at
run time may splice in only re.escape()d text (a literal); the test builds it with adversarial text
there. Importing every module cross-checks that no compiled pattern escaped the source scan.
A CPU-time alarm interrupts a runaway match (the re engine checks for signals), so a bad pattern
fails the test in about a second instead of hanging it.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import attribution
from attribution.errors import InputError
from attribution.evaluate.gold import locate_near
from attribution.evaluate.names import normalise_name
from attribution.ingest import check_text, decode_text, visible_text
from attribution.quotes.marks import looks_like_title, quoted_spans
from attribution.speakers.coref import acronym, normalise, surname_of
from attribution.speakers.ids import slug
from attribution.speakers.resolve import in_answer
from attribution.stance.lexicon import tokens
from attribution.types import TextSpan

PACKAGE = Path(attribution.__file__).resolve().parent
RE_FUNCTIONS = ("compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
FLAGS_ARG = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2, "split": 3, "sub": 4, "subn": 4}
ANY_FLAGS = (0, re.IGNORECASE | re.MULTILINE | re.DOTALL)  # for flags only known at run time
BUDGET_S = 0.5  # CPU seconds per pattern and string; a linear pattern needs a few milliseconds
FUNCTION_BUDGET_S = 2.0  # the text functions loop in Python over every character
N = 50_000

ADVERSARIAL = {
    "letters then !": "a" * N + "!",
    "capitals": "A" * N,
    "digits then a": "1" * N + "a",
    "accented then !": "é" * N + "!",
    "cjk": "北京" * (N // 2),
    "spaces then !": " " * N + "!",
    "newlines then x": "\n" * N + "x",
    "mixed whitespace": "\t\r\n \u00a0\u2009" * (N // 6),
    "straight double": '"' * N,
    "straight single": "'" * N,
    "doubled apostrophes": "''" * (N // 2) + "`",
    "backticks": "``" * (N // 2),
    "curly double": "\u201c\u201d" * (N // 2),
    "curly single": "\u2018\u2019" * (N // 2),
    "low-9": "\u201e\u201c" * (N // 2),
    "guillemets": "\u00ab \u00bb " * (N // 4),
    "nested openers": "\"'\u201c\u2018\u00ab\u201e" * (N // 6),
    "nested quotes": "He said 'she told me \u201cno\u201d' today. " * (N // 34),
    "unbalanced": '"We will' * (N // 8),
    "word apostrophes": "a'" * (N // 2),
    "possessives": "'s" * (N // 2),
    "curly possessives": "a\u2019s " * (N // 4),
    "dotted": "a." * (N // 2),
    "hyphenated": "a-" * (N // 2),
    "punctuation": ".,;:!?-_" * (N // 8),
    "words": "the " * (N // 4),
    "interview": "\nQ: Why?\nA: " * (N // 12),
    "q run": "\nQ" * (N // 2),
    "a lines": "A. " * (N // 3),
    "lone surrogates": "\ud800" * N,
    "word chars": "aA1_'\u2019.-" * (N // 8),
    "near-miss name": ("Lloyd Austin" * 9 + "Lloyd Austi ") * (N // 120),
}
# What re.escape()d text in a built pattern is replaced by: the names and words the code splices in.
SPLICED = ("Lloyd Austin", "a" * 200, "a " * 100, '"' * 100)


@dataclass(frozen=True)
class Site:
    """One call of re.<function> in the package's source."""

    where: str
    pattern: ast.expr
    flags: ast.expr | None


class OverBudget(Exception):
    pass


@contextmanager
def cpu_alarm(seconds: float):
    """Interrupt the block once this process has used `seconds` of CPU time."""

    def stop(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def call_sites() -> list[Site]:
    sites = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            if not (isinstance(node, ast.Call) and isinstance(func, ast.Attribute) and func.attr in RE_FUNCTIONS):
                continue
            if not (isinstance(func.value, ast.Name) and func.value.id == "re"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            position = FLAGS_ARG[func.attr]
            pattern = node.args[0] if node.args else keywords["pattern"]
            flags = node.args[position] if len(node.args) > position else keywords.get("flags")
            sites.append(Site(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", pattern, flags))
    return sites


def _escape_calls_filled(expr: ast.expr, fill: str) -> ast.expr:
    """`expr` with every re.escape(...) replaced by the escaped `fill`."""

    class Fill(ast.NodeTransformer):
        def visit_Call(self, node):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "escape" and isinstance(func.value, ast.Name) and func.value.id == "re":
                return ast.Constant(re.escape(fill))
            return self.generic_visit(node)

    return ast.fix_missing_locations(Fill().visit(ast.parse(ast.unparse(expr), mode="eval")))


def _constant_only(tree: ast.AST) -> bool:
    allowed = (ast.Expression, ast.Constant, ast.JoinedStr, ast.FormattedValue, ast.BinOp, ast.Add)
    return all(isinstance(node, allowed) for node in ast.walk(tree))


def site_patterns(site: Site) -> set[tuple[str, int]]:
    """Every (pattern, flags) the site can build; raises ValueError when it splices in unescaped text."""
    sources = set()
    for fill in SPLICED:
        tree = _escape_calls_filled(site.pattern, fill)
        if not _constant_only(tree):
            raise ValueError(f"{site.where}: the pattern is built from something other than literals and re.escape()")
        sources.add(eval(compile(tree, site.where, "eval"), {"__builtins__": {}}))
    return {(source, flags) for source in sources for flags in site_flags(site)}


def site_flags(site: Site) -> tuple[int, ...]:
    if site.flags is None:
        return (0,)
    try:
        return (int(eval(compile(ast.Expression(site.flags), site.where, "eval"), {"__builtins__": {}, "re": re})),)
    except NameError:  # a variable: try none and all of them
        return ANY_FLAGS


def all_patterns() -> tuple[dict[tuple[str, int], str], list[str]]:
    """(pattern, flags) -> where, for every site; and the sites whose patterns cannot be built safely."""
    found: dict[tuple[str, int], str] = {}
    refused = []
    for site in call_sites():
        try:
            built = site_patterns(site)
        except ValueError as exc:
            refused.append(str(exc))
            continue
        for key in sorted(built):
            found.setdefault(key, site.where)
    return found, refused


def imported_patterns() -> dict[tuple[str, int], str]:
    """Compiled patterns held by any module (or a class, tuple, list or dict in it) after importing them all."""
    found: dict[tuple[str, int], str] = {}
    for info in pkgutil.walk_packages([str(PACKAGE)], "attribution."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            held = [value]
            if isinstance(value, (tuple, list, set, frozenset)):
                held += list(value)
            elif isinstance(value, dict):
                held += list(value.values())
            elif isinstance(value, type) and value.__module__ == module.__name__:
                held += list(vars(value).values())
            for item in held:
                if isinstance(item, re.Pattern):
                    found.setdefault((item.pattern, item.flags & ~re.UNICODE), f"{info.name}.{name}")
    return found


def texts_for(pattern: str) -> dict[str, str]:
    """The shared adversarial strings, plus runs of each character the pattern names."""
    own = {f"run of {char!r}": char * N for char in sorted(set(pattern)) if not char.isspace()}
    own["the pattern itself, repeated"] = (pattern * (N // max(len(pattern), 1) + 1))[:N]
    return {**ADVERSARIAL, **own}


def over_budget(pattern: re.Pattern, texts: dict[str, str], budget: float = BUDGET_S) -> list[str]:
    """Labels of the strings on which scanning with `pattern` took more than `budget` CPU seconds."""
    slow = []
    for label, text in texts.items():
        start = time.process_time()
        try:
            with cpu_alarm(budget):
                for _ in pattern.finditer(text):
                    pass
                pattern.fullmatch(text)
        except OverBudget:
            slow.append(f"{label} (interrupted)")
            continue
        if time.process_time() - start > budget:
            slow.append(label)
    return slow


PATTERNS, REFUSED = all_patterns()
PATTERN_IDS = [f"{PATTERNS[key]}#{number}" for number, key in enumerate(sorted(PATTERNS))]
MARK_SOURCE = r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019']"  # quotes/marks.py MARK_RE


def test_regex_no_other_regex_engine_or_alias():
    """The scan sees calls of re.<function> only: any other way in would hide patterns from it."""
    hidden = re.compile(r"^\s*(?:import regex\b|from re import|import re as|from regex import)", re.MULTILINE)
    offenders = [str(p) for p in source_files() if hidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_regex_patterns_built_only_from_literals_and_escaped_text():
    assert REFUSED == []


def test_regex_scan_finds_module_and_inline_patterns():
    sources = {source for source, _ in PATTERNS}
    assert MARK_SOURCE in sources  # module level, quotes/marks.py
    assert r"['’]s\b" in sources  # written inside a function, speakers/ids.py
    assert any(re.escape("Lloyd Austin") in source for source in sources)  # built from a name at run time
    assert r"(a+)+$" not in sources  # negative: nothing of the kind is in the package


def test_regex_every_compiled_pattern_is_in_the_scan():
    scanned = {(source, flags & ~re.UNICODE) for source, flags in PATTERNS}
    missed = {key: where for key, where in imported_patterns().items() if key not in scanned}
    assert missed == {}


@pytest.mark.parametrize("source, flags", sorted(PATTERNS), ids=PATTERN_IDS)
def test_regex_pattern_within_budget(source, flags):
    assert over_budget(re.compile(source, flags), texts_for(source)) == []


@pytest.mark.parametrize(
    "source, label",
    [(r"(a+)+$", "letters then !"), (r"\w+X", "letters then !"), (r"( |\s)*x", "spaces then !"), (r"(\"|')+x", "straight double")],
)
def test_regex_budget_catches_catastrophic_patterns(source, label):
    """The check itself can fail: nested quantifiers and quadratic scans go over the budget."""
    texts = {label: ADVERSARIAL[label], "words": ADVERSARIAL["words"]}
    assert over_budget(re.compile(source), texts) == [f"{label} (interrupted)"]


def test_regex_unescaped_splice_is_refused():
    site = Site("example.py:1", ast.parse('"(" + words + ")+"', mode="eval").body, None)
    with pytest.raises(ValueError, match="example.py:1"):
        site_patterns(site)


SPAN = [TextSpan(0, 10, "")]
FUNCTIONS = {
    "quoted_spans": quoted_spans,
    "looks_like_title": looks_like_title,
    "coref.normalise": normalise,
    "coref.acronym": acronym,
    "coref.surname_of": surname_of,
    "ids.slug": slug,
    "names.normalise_name": normalise_name,
    "lexicon.tokens": tokens,
    "resolve.in_answer": lambda text: in_answer(text, len(text)),
    "gold.locate_near": lambda text: locate_near(text, text[:200], SPAN),
    "ingest.check_text": lambda text: check_text(text, 10 * N),
    "ingest.decode_text": lambda text: decode_text(text.encode("utf-8", errors="surrogatepass"), "replace"),
    "ingest.visible_text": lambda text: visible_text(f"<p>{text}</p>"),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_regex_text_functions_within_budget(name):
    """The functions whose patterns are built at run time or applied in loops, called on every string."""
    function, slow = FUNCTIONS[name], []
    for label, text in ADVERSARIAL.items():
        start = time.process_time()
        try:
            with cpu_alarm(FUNCTION_BUDGET_S):
                function(text)
        except OverBudget:
            slow.append(f"{label} (interrupted)")
            continue
        except InputError:  # ingest refuses some strings (binary-looking, too large): a refusal is an answer
            pass
        if time.process_time() - start > FUNCTION_BUDGET_S:
            slow.append(label)
    assert slow == []
