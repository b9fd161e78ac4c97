"""Stage 1, ingest: find and unpack the inputs, decode them, read their records in every
format, split plain-text digests into articles and settle each article's publication date.

    sources (files, folders, archives, stdin) -> records (one per article) -> articles
"""

from .articles import dump_key, to_articles
from .formats import ReadResult, read_records, sniff_format
from .pubdate import publication_date
from .sources import Source, count_files, decode, iter_sources, looks_binary, source_label
from .split import Segment, split_text

__all__ = [
    "ReadResult", "Segment", "Source", "count_files", "decode", "dump_key", "iter_sources",
    "looks_binary", "publication_date", "read_records", "sniff_format", "source_label",
    "split_text", "to_articles",
]
