"""Actor identity in one room: who a name stands for, on one ladder.

1. mention (:class:`ArticleNames`): a name as one article writes it, cleaned ("the",
   possessives, tickers off); a surname alone the full name used before in the article; an
   organisation named like a country that country;
2. article (:meth:`FolderNames.apply_article`): an acronym the article defines, or whose
   initials fit the one organisation it names; a bare institution word the body the article
   names, or no actor;
3. folder (:class:`FolderNames`, from the store's :class:`~pipeline.types.NameCounts`): the
   alias table, acronyms the folder defines one way, one spelling per name (case, legal
   suffix), a surname alone joining the one full name of the folder, one label per name.

The shapes of names (acronyms, company suffixes, titles, name keys) are written once in
:mod:`~pipeline.identity.names`, their words under ``models/``; the kind of actor a mention
names (person, organisation, product, country, none) in :mod:`~pipeline.identity.kinds`.
"""

from .folder import FolderNames, OrgCanon, PersonNames, article_groups
from .kinds import GENERIC, actor_of, agent_name, kind_of, place_kind
from .mention import ArticleNames

__all__ = ["GENERIC", "ArticleNames", "FolderNames", "OrgCanon", "PersonNames", "actor_of",
           "agent_name", "article_groups", "kind_of", "place_kind"]
