"""Stage 4, events: every predicate with an actor among its arguments, from the dependency
parse, typed from the ontology in ``models/``, with each actor's role.

    parsed sentences + mentions -> predicates -> arguments -> actors (names, coreference,
    agents) -> events and participants
"""

from .extract import extract_events
from .lexicon import EventType, Lexicon, inflections, lexicon

__all__ = ["EventType", "Lexicon", "extract_events", "inflections", "lexicon"]
