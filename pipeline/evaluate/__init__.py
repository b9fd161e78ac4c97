"""Scores on third-party gold data (``newsgraph eval``, ``make eval``): NER on CoNLL-2003,
dates on TimeBank, document countries on Reuters-21578, money on price-parser examples, and
actor–event links and timelines on MEANTIME / SemEval-2015."""

from .core import (
    PRF,
    eval_conll,
    eval_money,
    eval_reuters_places,
    eval_timeml,
    read_conll,
    read_timeml,
    timex_matches,
)
from .meantime import eval_identity, eval_meantime, eval_timelines, read_cat

__all__ = ["PRF", "eval_conll", "eval_identity", "eval_meantime", "eval_money",
           "eval_reuters_places", "eval_timelines", "eval_timeml", "read_cat", "read_conll",
           "read_timeml", "timex_matches"]
