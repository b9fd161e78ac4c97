from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import Source, decode, iter_sources, read_records, sniff_format
from pipeline.types import Record, Skipped

STORY = "The regulator fined the bank on Monday. It said the fine was the largest so far."


def _records(name: str, data: bytes) -> list[Record | Skipped]:
    return list(read_records(Source(name, data, name)))


@pytest.mark.parametrize(
    "name,data,fmt",
    [
        ("a.txt", b"Title\n\nBody.", "text"),
        ("a.txt", b"[1] Title\n\nBody.", "text"),
        ("a", b"Title\n\nBody.", "text"),
        ("a.json", b'[{"text": "x"}]', "json"),
        ("a.dat", b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.csv", b"title,text\nA,B\n", "csv"),
        ("a.html", b"<html><body>x</body></html>", "html"),
        ("a.xml", b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "feed"),
        ("feed", b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("a.sgm", b"<REUTERS NEWID='1'></REUTERS>", "sgml"),
    ],
)
def test_ingest_sniff_format(name: str, data: bytes, fmt: str) -> None:
    assert sniff_format(name, data) == fmt


@pytest.mark.parametrize("name", ["a.txt", "noext"])
def test_ingest_prose_starting_with_a_bracket_is_text(name: str) -> None:
    (rec,) = _records(name, b"[Update] Bank fined\n\nThe regulator fined the bank.")
    assert isinstance(rec, Record) and rec.title == "[Update] Bank fined"


@pytest.mark.parametrize(
    "encoding,text",
    [
        ("utf-8-sig", "Café déjà vu in Zürich"),
        ("cp1252", "Prices rose to £300 and “quotes” – dashes, in Zürich and Málaga"),
        ("cp1251", "Правительство России объявило о новых мерах поддержки экономики"),
        ("latin-1", "Le café à Genève coûte très cher, déclare l'économiste"),
    ],
)
def test_ingest_decodes_legacy_encodings(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize("data", [b"Title\n\nBody with a bad byte \xff\xfe\x9d here.\n"])
def test_ingest_undecodable_bytes_never_crash(data: bytes) -> None:
    recs = _records("bad.txt", data)
    assert len(recs) == 1 and isinstance(recs[0], Record)
    assert recs[0].title == "Title"


@pytest.mark.parametrize("fmt", ["array", "object", "wrapped"])
def test_ingest_json_shapes(fmt: str) -> None:
    obj = {"id": "n1", "headline": "Bank fined", "body": STORY, "published": "2024-03-05",
           "url": "https://example.org/a"}
    doc = {"array": [obj], "object": obj, "wrapped": {"articles": [obj]}}[fmt]
    (rec,) = _records("a.json", json.dumps(doc).encode())
    assert isinstance(rec, Record)
    assert (rec.title, rec.body, rec.source_id, rec.published, rec.url) == (
        "Bank fined", STORY, "n1", "2024-03-05", "https://example.org/a")
    assert rec.text == "Bank fined\n\n" + STORY


@pytest.mark.parametrize("paragraphs", ["[['First para.'], ['Second para.']]"])
def test_ingest_json_paragraph_lists_are_joined(paragraphs: str) -> None:
    (rec,) = _records("a.json", json.dumps({"title": "T", "body-paragraphs": paragraphs}).encode())
    assert isinstance(rec, Record)
    assert rec.body == "First para.\n\nSecond para."


@pytest.mark.parametrize("bad_line", ['{"text": "broken', "[1, 2]"])
def test_ingest_jsonl_bad_line_is_skipped_and_counted(bad_line: str) -> None:
    data = "\n".join([json.dumps({"text": "one"}), bad_line, json.dumps({"text": "two"})])
    recs = _records("a.jsonl", data.encode())
    good = [r for r in recs if isinstance(r, Record)]
    bad = [r for r in recs if isinstance(r, Skipped)]
    assert [r.body for r in good] == ["one", "two"]
    assert len(bad) == 1 and bad[0].where == "line 2"


@pytest.mark.parametrize("delim", [",", ";", "\t"])
def test_ingest_csv_with_header(delim: str) -> None:
    rows = [["id", "Headline", "Content", "Date"], ["7", "Bank fined", STORY, "2024-03-05"]]
    data = "\n".join(delim.join(f'"{c}"' for c in r) for r in rows).encode()
    (rec,) = _records("a.csv", data)
    assert isinstance(rec, Record)
    assert (rec.source_id, rec.title, rec.body, rec.published) == ("7", "Bank fined", STORY,
                                                                   "2024-03-05")


@pytest.mark.parametrize("header", ["id,label,score"])
def test_ingest_csv_without_text_column_is_a_file_error(header: str) -> None:
    with pytest.raises(InputError, match="no text column"):
        _records("a.csv", f"{header}\n1,2,3\n".encode())


@pytest.mark.parametrize("n", [2])
def test_ingest_csv_headerless_guesses_title_and_text(n: int) -> None:
    data = (f'"3","Bank fined","{STORY}"\n"1","Court rules on merger","{STORY} More."\n').encode()
    recs = _records("a.csv", data)
    assert [r.title for r in recs if isinstance(r, Record)] == ["Bank fined",
                                                                "Court rules on merger"]
    assert len(recs) == n


@pytest.mark.parametrize("n", [1])
def test_ingest_html_main_text_title_date(n: int) -> None:
    page = f"""<html><head><title>Bank fined - Example News</title>
    <meta property="og:title" content="Bank fined">
    <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Bank fined</h1>
    <p>{STORY} {STORY}</p><p>{STORY}</p></article><footer>© Example</footer></body></html>"""
    recs = _records("a.html", page.encode())
    assert len(recs) == n
    rec = recs[0]
    assert isinstance(rec, Record)
    assert rec.title == "Bank fined" and rec.published.startswith("2024-03-05")
    assert "regulator fined the bank" in rec.body and "Home | World" not in rec.body


RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>
<item><title>Bank fined</title><link>https://e.org/1</link><guid>g1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;The regulator fined
the bank.&lt;/p&gt;</description></item>
<item><title>Court rules</title><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>A ruling.</description></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>F</title><entry><title>Bank fined</title><id>urn:1</id>
<updated>2024-03-05T10:00:00Z</updated><content type="html">&lt;p&gt;Text.&lt;/p&gt;</content>
</entry></feed>"""


@pytest.mark.parametrize("name,data,titles,dates", [
    ("f.rss", RSS, ["Bank fined", "Court rules"], ["2024-03-05", "2024-03-06"]),
    ("f.atom", ATOM, ["Bank fined"], ["2024-03-05"]),
])
def test_ingest_feeds_one_article_per_item(name: str, data: bytes, titles: list[str],
                                           dates: list[str]) -> None:
    recs = [r for r in _records(name, data) if isinstance(r, Record)]
    assert [r.title for r in recs] == titles
    assert [r.published for r in recs] == dates
    assert "<p>" not in recs[0].body


@pytest.mark.parametrize("data", [b"<rss version='2.0'><channel><title>Broken</title>"])
def test_ingest_feed_without_items_is_a_file_error(data: bytes) -> None:
    with pytest.raises(InputError, match="RSS/Atom"):
        _records("broken.rss", data)


SGML = b"""<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="5"><DATE>26-FEB-1987 15:01:01.79</DATE><PLACES><D>usa</D></PLACES>
<TEXT>&#2;<TITLE>BANK FINED</TITLE><DATELINE>NEW YORK, Feb 26 - </DATELINE><BODY>The bank
was fined &lt;1 mln&gt; dlrs, it said.
 Reuter
&#3;</BODY></TEXT></REUTERS>"""


@pytest.mark.parametrize("n", [1])
def test_ingest_reuters_sgml(n: int) -> None:
    recs = _records("reut2-000.sgm", SGML)
    assert len(recs) == n
    rec = recs[0]
    assert isinstance(rec, Record)
    assert (rec.title, rec.source_id, rec.published) == ("BANK FINED", "5",
                                                        "26-FEB-1987 15:01:01.79")
    assert rec.body == "NEW YORK, Feb 26 - The bank was fined <1 mln> dlrs, it said."


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("suffix,pack", [
    (".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress),
])
def test_ingest_compressed_files(tmp_path: Path, suffix: str, pack) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"dump.jsonl{suffix}"
    path.write_bytes(pack(b'{"title": "A", "text": "x"}\n{"title": "B", "text": "y"}\n'))
    (src,) = list(iter_sources([str(path)]))
    assert isinstance(src, Source)
    assert [r.title for r in read_records(src)] == ["A", "B"]


@pytest.mark.parametrize("n", [2])
def test_ingest_zip_members_in_order(tmp_path: Path, n: int) -> None:
    path = tmp_path / "dumps.zip"
    path.write_bytes(_zip({"b.txt": b"Second\n\nBody.", "a.txt": b"First\n\nBody.",
                           "__MACOSX/._a.txt": b"junk"}))
    srcs = [s for s in iter_sources([str(path)]) if isinstance(s, Source)]
    names = [s.name for s in srcs]
    assert len(names) == n
    assert names == [f"{path.as_posix()}!a.txt", f"{path.as_posix()}!b.txt"]


@pytest.mark.parametrize("n", [3])
def test_ingest_folder_recursive_stable_order(tmp_path: Path, n: int) -> None:
    for rel in ["b/2.txt", "a/1.txt", "a/0.txt", ".hidden/x.txt", "README.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("T\n\nBody.")
    names = [Path(s.name).relative_to(tmp_path).as_posix()
             for s in iter_sources([str(tmp_path)]) if isinstance(s, Source)]
    assert names == ["a/0.txt", "a/1.txt", "b/2.txt"][:n]


@pytest.mark.parametrize("data,reason", [
    (b"", "is empty"), (b"  \n\n", "is empty"), (b"\x00\x01\x02PNG\x00\x00" * 50, "binary"),
])
def test_ingest_unusable_files_raise_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        _records("x.txt", data)


@pytest.mark.parametrize("path", ["no/such/file.txt"])
def test_ingest_missing_path(path: str) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_sources([path]))


# ---------------------------------------------------------------- the real corpora

def _count(paths: list[Path]) -> tuple[int, int]:
    good = bad = 0
    for src in iter_sources([str(p) for p in paths]):
        assert isinstance(src, Source)
        for rec in read_records(src):
            good += isinstance(rec, Record)
            bad += isinstance(rec, Skipped)
    return good, bad


@pytest.mark.parametrize("folder,pattern,expected", [
    ("bbc_news_fulltext/bbc", None, None),
    ("reuters21578", "reut2-00*.sgm", 5000),
    ("rss_atom_feeds", None, 186),
    ("ag_news_csv", "test.csv", 7600),
    ("basil_news_json", "basil_articles.jsonl", 300),
    ("basil_news_json/articles", None, 300),
])
def test_ingest_corpora_counts(corpora: Path, folder: str, pattern: str | None,
                               expected: int | None) -> None:
    base = corpora / folder
    paths = sorted(base.glob(pattern)) if pattern else [base]
    good, bad = _count(paths)
    if expected is None:  # BBC: one file per article; a few have comment lists that split
        n_files = len(list(base.glob("*/*.txt")))
        assert n_files == 2225
        assert n_files <= good <= n_files * 1.005
    else:
        assert good == expected
    assert bad == 0


@pytest.mark.parametrize("n_items", [15])
def test_ingest_not_well_formed_feed_still_read(corpora: Path, n_items: int) -> None:
    path = corpora / "rss_atom_feeds" / "rss-parser__uolNoticias.rss"
    good, _ = _count([path])
    assert good == n_items


@pytest.mark.parametrize("name,needle", [("sport/199.txt", "£")])
def test_ingest_bbc_latin1_byte(corpora: Path, name: str, needle: str) -> None:
    (src,) = iter_sources([str(corpora / "bbc_news_fulltext" / "bbc" / name)])
    assert isinstance(src, Source)
    (rec,) = read_records(src)
    assert isinstance(rec, Record)
    assert needle in rec.text and rec.encoding != "utf-8"
