"""Stage 4, events: sentences that report an event among actors, typed from the taxonomy in
``models/``, with each actor's role.

    candidate sentences (no parse) -> main-clause triggers and roles (parse) -> events
"""

from .build import build_events, needs_parse
from .candidates import Candidate, find_candidates, is_actor, sentences, taxonomy
from .roles import assign_roles, heuristic_role, main_clause_triggers

__all__ = ["Candidate", "assign_roles", "build_events", "find_candidates", "heuristic_role",
           "is_actor", "main_clause_triggers", "needs_parse", "sentences", "taxonomy"]
