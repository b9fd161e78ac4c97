"""The schema of an output folder's database (``newsgraph.sqlite``)."""

from ..types import STORE_FILE

SCHEMA_VERSION = "10"
DB_NAME = STORE_FILE



def mention_key(row: str = "") -> str:
    """The SQL of the name a mention is asked about: its normalised name, else its text
    (``row``: ``NEW.`` or ``OLD.`` in a trigger)."""
    return f"CASE WHEN {row}norm != '' THEN {row}norm ELSE {row}text END"


#: the running counts of the mentions' names (the triggers on ``mentions`` keep them)
NAME_TALLY = """
CREATE TABLE IF NOT EXISTS name_tally (norm TEXT NOT NULL, label TEXT NOT NULL,
    key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (norm, label, key)) WITHOUT ROWID;
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dumps (
    dump_key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    n_records INTEGER NOT NULL,
    n_new INTEGER NOT NULL,
    n_skipped INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    run_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT NOT NULL,
    date_source TEXT NOT NULL,
    n_words INTEGER NOT NULL,
    url TEXT NOT NULL,
    encoding TEXT NOT NULL,
    nlp_state TEXT NOT NULL DEFAULT '',
    events_state TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    failed TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    norm TEXT NOT NULL,
    country TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    date_granularity TEXT NOT NULL,
    amount REAL,
    currency TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    unresolved TEXT NOT NULL,
    amount_high REAL,
    PRIMARY KEY (article_id, start, end, label)
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    type TEXT NOT NULL,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    amount REAL,
    currency TEXT NOT NULL,
    countries TEXT NOT NULL,
    subtype TEXT NOT NULL,
    plover TEXT NOT NULL,
    lemma TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    mode TEXT NOT NULL,
    negated INTEGER NOT NULL,
    location TEXT NOT NULL,
    location_country TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    mention TEXT NOT NULL,
    ref_start INTEGER NOT NULL,
    ref_end INTEGER NOT NULL,
    resolved_from TEXT NOT NULL,
    agent TEXT NOT NULL,
    sector TEXT NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (event_id, start, end, label, agent)
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
-- the state of every article, read without the pages of the texts
CREATE INDEX IF NOT EXISTS articles_state ON articles (article_id, nlp_state, events_state,
    failed);
CREATE INDEX IF NOT EXISTS participants_article ON participants (article_id);
CREATE TABLE IF NOT EXISTS acronyms (
    article_id TEXT NOT NULL,
    acronym TEXT NOT NULL,
    long TEXT NOT NULL,
    PRIMARY KEY (article_id, acronym, long)
);
CREATE TABLE IF NOT EXISTS article_sources (
    article_id TEXT NOT NULL,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, source, position)
);
CREATE INDEX IF NOT EXISTS article_sources_source ON article_sources (source);
CREATE TABLE IF NOT EXISTS out_links (
    event_id TEXT NOT NULL, actor_id TEXT NOT NULL, role TEXT NOT NULL, rank INTEGER NOT NULL,
    mention TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    resolved_from TEXT NOT NULL, article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS out_links_event ON out_links (event_id);
-- an actor's events in order, without a sort of all of a busy actor's links
CREATE INDEX IF NOT EXISTS out_links_actor_event ON out_links (actor_id, event_id, rank);
CREATE INDEX IF NOT EXISTS out_links_article ON out_links (article_id);
CREATE TABLE IF NOT EXISTS out_actor_articles (
    actor_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (actor_id, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS out_actor_articles_article ON out_actor_articles (article_id);
CREATE TABLE IF NOT EXISTS corpus_tally (
    article_id TEXT NOT NULL, actor_id TEXT NOT NULL, seq INTEGER NOT NULL,
    kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL, sector TEXT NOT NULL,
    mentions INTEGER NOT NULL, aliases TEXT NOT NULL, PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_keys (key TEXT PRIMARY KEY, digest TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_articles (article_id TEXT PRIMARY KEY, state TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS part_homes (article_id TEXT PRIMARY KEY, home TEXT NOT NULL,
    sources TEXT NOT NULL) WITHOUT ROWID;
-- the articles whose rows in the tables of names (entities, events, links) must be written
-- again, their own rows (articles.csv) standing
CREATE TABLE IF NOT EXISTS part_renamed (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_types (article_id TEXT NOT NULL, type TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (article_id, type)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_date ON events (date_start);
CREATE INDEX IF NOT EXISTS events_type ON events (type COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS part_spans (
    tbl TEXT NOT NULL, home TEXT NOT NULL, spans TEXT NOT NULL, PRIMARY KEY (tbl, home)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_key ON mentions (""" + f"({mention_key()}));" + """
CREATE TABLE IF NOT EXISTS corpus_actors (
    actor_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, n_rows INTEGER NOT NULL,
    mentions INTEGER NOT NULL, articles INTEGER NOT NULL, events INTEGER NOT NULL,
    first_k TEXT, first_article TEXT, first_seq INTEGER, country TEXT NOT NULL,
    sector TEXT NOT NULL, dirty INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_aliases (actor_id TEXT NOT NULL, alias TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (actor_id, alias)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_order (article_id TEXT PRIMARY KEY, k TEXT NOT NULL)
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corpus_tally_actor ON corpus_tally (actor_id);
CREATE TABLE IF NOT EXISTS corpus_pairs (a TEXT NOT NULL, b TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
""" + NAME_TALLY + f"""
CREATE TRIGGER IF NOT EXISTS name_tally_in AFTER INSERT ON mentions BEGIN
    INSERT INTO name_tally VALUES (NEW.norm, NEW.label, {mention_key("NEW.")}, 1)
    ON CONFLICT (norm, label, key) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS name_tally_out AFTER DELETE ON mentions BEGIN
    UPDATE name_tally SET n = n - 1 WHERE norm = OLD.norm AND label = OLD.label
        AND key = {mention_key("OLD.")};
    DELETE FROM name_tally WHERE norm = OLD.norm AND label = OLD.label
        AND key = {mention_key("OLD.")} AND n <= 0;
END;
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    n_new_dumps INTEGER NOT NULL DEFAULT 0,
    n_new_articles INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0
);
"""

#: upgrades of an older folder's database, by its schema version: each brings it to the next
#: version (the cleared states make the next run analyse every stored article again)
MIGRATIONS = {
    "3": """
ALTER TABLE articles RENAME COLUMN ner_model TO nlp_state;
ALTER TABLE articles ADD COLUMN events_state TEXT NOT NULL DEFAULT '';
UPDATE articles SET nlp_state = '';
UPDATE meta SET value = '4' WHERE key = 'schema_version';
""",
    "4": """
DROP TABLE events;
DROP TABLE participants;
UPDATE articles SET nlp_state = '', events_state = '';
UPDATE meta SET value = '5' WHERE key = 'schema_version';
""",
    "5": """
ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN failed TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN amount_high REAL;
UPDATE articles SET nlp_state = '', events_state = '';
UPDATE meta SET value = '6' WHERE key = 'schema_version';
""",
    "6": """
DROP TABLE IF EXISTS part_homes;
DELETE FROM meta WHERE key = 'parts_state';
UPDATE meta SET value = '7' WHERE key = 'schema_version';
""",
    "7": """
DELETE FROM meta WHERE key = 'actors_state';
UPDATE meta SET value = '8' WHERE key = 'schema_version';
""",
    "8": NAME_TALLY + f"""
INSERT INTO name_tally SELECT norm, label, {mention_key()}, COUNT(*) FROM mentions
    GROUP BY 1, 2, 3;
UPDATE meta SET value = '9' WHERE key = 'schema_version';
""",
    "9": """
DROP TABLE IF EXISTS part_spans;
DROP INDEX IF EXISTS out_links_actor;
DELETE FROM meta WHERE key = 'parts_state';
UPDATE meta SET value = '10' WHERE key = 'schema_version';
""",
}
