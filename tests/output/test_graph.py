from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pipeline import run
from pipeline.cli import main
from pipeline.corpus import ListCatalogue
from pipeline.output.graph import write_html
from pipeline.types import Actor, Event, Link, Role
from tests.conftest import SEED

EVIL = ['<script>alert(1)</script> Holdings', '"><img src=x onerror=alert(2)> Group']


def test_graph_explore_actor_shows_its_newest_events(seed_out: Path) -> None:
    """``explore actor --limit N``: the actor's N newest events (by date) and how many it has
    (``n_events``); a line on stderr says that more were left out."""
    every = json.loads(_cli("explore", "actor", "Huawei", "--json", "--out",
                            str(seed_out)).stdout)
    res = _cli("explore", "actor", "Huawei", "--limit", "2", "--json", "--out", str(seed_out))
    two = json.loads(res.stdout)
    assert len(every["timeline"]) == every["n_events"] == two["n_events"] > 2
    assert "showing the newest 2 of" in res.stderr
    newest = sorted(every["timeline"], key=lambda r: (r["date"], r["event_id"]))[-2:]
    assert [r["event_id"] for r in two["timeline"]] == [r["event_id"] for r in newest]


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed_graph")
    run([SEED], out, progress=False)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("reader,name", [
    (nx.read_graphml, "graph.graphml"), (nx.read_gexf, "graph.gexf"),
    (lambda p: nx.node_link_graph(json.loads(Path(p).read_text()), edges="links"),
     "graph.json"),
])
def test_graph_files_load_back(seed_out: Path, reader, name: str) -> None:  # type: ignore[no-untyped-def]
    g = reader(seed_out / name)
    events = _rows(seed_out / "events.csv")
    kinds = nx.get_node_attributes(g, "kind")
    assert sum(1 for k in kinds.values() if k == "event") == len(events)
    roles = {d["role"] for _, _, d in g.edges(data=True)}
    assert roles <= {"source", "target", "other", "location"}
    assert all(d.get("article_ids") for _, _, d in g.edges(data=True))


@pytest.mark.parametrize("n", [1])
def test_graph_gexf_has_event_dates_for_the_timeline(seed_out: Path, n: int) -> None:
    text = (seed_out / "graph.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'start="2025-' in text
    assert text.count("lastmodifieddate") == n - 1


@pytest.mark.parametrize("n", [1])
def test_graph_projection_weights_shared_events(seed_out: Path, n: int) -> None:
    p = nx.read_graphml(seed_out / "graph_actors.graphml")
    names = nx.get_node_attributes(p, "name")
    by_name = {v: k for k, v in names.items()}
    assert p.edges[by_name["Huawei"], by_name["ZTE"]]["weight"] >= n


@pytest.mark.parametrize("amount,currency", [("750000", "EUR")])
def test_graph_seed_regulator_fines_publisher(seed_out: Path, amount: str,
                                              currency: str) -> None:
    actors = {r["actor_id"]: r["name"] for r in _rows(seed_out / "actors.csv")}
    roles = _rows(seed_out / "event_actors.csv")
    fines = [e for e in _rows(seed_out / "events.csv")
             if e["subtype"] == "fine" and e["amount"] == amount and e["currency"] == currency]
    assert len(fines) == 1
    who = {actors[r["actor_id"]]: r["role"] for r in roles if r["event_id"] == fines[0]["event_id"]}
    assert who == {"Commission nationale de l'informatique et des libertés": "source",
                   "Les Publications Condé Nast": "target"}


def test_graph_events_csv_says_who_did_what_to_whom(seed_out: Path) -> None:
    """Each row of events.csv names its sources and targets (the strongest role of each
    actor in event_actors.csv) and its article's title and URL; graph.json's event nodes
    say the same."""
    roles: dict[str, dict[str, set[str]]] = {}
    for r in _rows(seed_out / "event_actors.csv"):
        roles.setdefault(r["event_id"], {}).setdefault(r["role"], set()).add(r["actor_id"])
    names = {r["actor_id"]: r["name"] for r in _rows(seed_out / "actors.csv")}
    titles = {r["article_id"]: r["title"] for r in _rows(seed_out / "articles.csv")}
    events = _rows(seed_out / "events.csv")
    for e in events:
        for role in ("source", "target"):
            ids = [i for i in e[f"{role}_ids"].split("; ") if i]
            assert set(ids) == roles.get(e["event_id"], {}).get(role, set())
            assert e[f"{role}_actors"] == "; ".join(names[i] for i in ids)
        assert e["title"] == titles[e["article_id"]]
    fine = next(e for e in events if e["subtype"] == "fine" and e["amount"] == "750000")
    assert fine["source_actors"] == "Commission nationale de l'informatique et des libertés"
    assert fine["target_actors"] == "Les Publications Condé Nast"
    nodes = json.loads((seed_out / "graph.json").read_text())["nodes"]
    node = next(n for n in nodes if n["id"] == f"event:{fine['event_id']}")
    assert (node["source_actors"], node["title"]) == (fine["source_actors"], fine["title"])


@pytest.mark.parametrize("amount,date", [("23000000", "2025-04-01")])
def test_graph_seed_huawei_deal(seed_out: Path, amount: str, date: str) -> None:
    actors = {r["actor_id"]: r["name"] for r in _rows(seed_out / "actors.csv")}
    roles = _rows(seed_out / "event_actors.csv")
    deals = [e for e in _rows(seed_out / "events.csv")
             if e["subtype"] == "deal" and e["amount"] == amount]
    assert len(deals) == 1 and deals[0]["date_start"] == date and deals[0]["currency"] == "USD"
    who = {actors[r["actor_id"]] for r in roles if r["event_id"] == deals[0]["event_id"]}
    assert "Huawei" in who


@pytest.mark.parametrize("column", ["actor_id", "name", "kind", "country", "aliases",
                                    "n_mentions", "n_articles", "n_events"])
def test_graph_actors_csv_columns(seed_out: Path, column: str) -> None:
    assert column in _rows(seed_out / "actors.csv")[0]


def _cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("by", ["events", "mentions", "degree", "betweenness"])
def test_graph_explore_top(seed_out: Path, by: str) -> None:
    res = _cli("explore", "top", "--by", by, "-n", "3", "--out", str(seed_out))
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 3


@pytest.mark.parametrize("name", ["huawei", "CNIL", "conde nast publications"[:0] + "ZTE"])
def test_graph_explore_actor(seed_out: Path, name: str) -> None:
    res = _cli("explore", "actor", name, "--out", str(seed_out))
    assert res.exit_code == 0
    assert "events:" in res.stdout and "closest co-actors" in res.stdout


@pytest.mark.parametrize("name,suggestion", [("Hauwei", "Huawei")])
def test_graph_explore_unknown_name_suggests(seed_out: Path, name: str, suggestion: str) -> None:
    res = _cli("explore", "actor", name, "--out", str(seed_out))
    assert res.exit_code == 1
    assert res.stderr.strip() == (f"newsgraph: error: no actor called {name!r}; "
                                  f"did you mean {suggestion!r}?")


@pytest.mark.parametrize("args,needle", [
    (["--type", "fine"], "750,000 EUR"), (["--type", "SANCTION"], "750,000 EUR"),
    (["--country", "VN"], "Huawei"),
    (["--since", "2025-04-01", "--until", "2025-04-30"], "23,000,000 USD"),
    (["--type", "deal", "--since", "2025-05-01"], "Huawei"),
])
def test_graph_explore_events(seed_out: Path, args: list[str], needle: str) -> None:
    res = _cli("explore", "events", *args, "--out", str(seed_out))
    assert res.exit_code == 0 and needle in res.stdout


@pytest.mark.parametrize("a,b", [("Huawei", "Vietnam"), ("ZTE", "Huawei")])
def test_graph_explore_path(seed_out: Path, a: str, b: str) -> None:
    res = _cli("explore", "path", a, b, "--out", str(seed_out))
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and lines[0].startswith(f"{a} (") and lines[-1].startswith(f"{b} (")


@pytest.mark.parametrize("cmd", [["events"], ["events", "--type", "fine"], ["actor", "Huawei"],
                                 ["top"], ["path", "ZTE", "Huawei"]])
def test_graph_explore_json_and_csv_agree(seed_out: Path, cmd: list[str]) -> None:
    """--json and --csv print the same rows (an actor's: its timeline)."""
    as_json = json.loads(_cli("explore", *cmd, "--json", "--out", str(seed_out)).stdout)
    rows = as_json["timeline"] if isinstance(as_json, dict) else as_json
    res = _cli("explore", *cmd, "--csv", "--out", str(seed_out))
    table = list(csv.DictReader(res.stdout.splitlines()))
    assert res.exit_code == 0 and len(table) == len(rows) > 0
    key = "name" if cmd == ["top"] else "sentence" if cmd[0] != "path" else "actor"
    assert [r[key] or "" for r in table] == [r.get(key) or "" for r in rows]


def test_graph_explore_events_show_trigger_title_and_source(seed_out: Path) -> None:
    rows = json.loads(_cli("explore", "events", "--type", "fine", "--json", "--out",
                           str(seed_out)).stdout)
    fine = next(r for r in rows if r["amount"] == 750000)
    titles = {r["title"] for r in _rows(seed_out / "articles.csv")}
    assert fine["trigger"] and fine["title"] in titles and fine["source"].endswith(".txt")
    assert fine["sources"] == ["Commission nationale de l'informatique et des libertés"]
    text = _cli("explore", "events", "--type", "fine", "--out", str(seed_out)).stdout
    assert f'"{fine["trigger"]}"' in text and fine["title"] in text


def test_graph_explore_limit_and_actor(seed_out: Path) -> None:
    every = json.loads(_cli("explore", "events", "--json", "--out", str(seed_out)).stdout)
    res = _cli("explore", "events", "--limit", "2", "--json", "--out", str(seed_out))
    assert len(json.loads(res.stdout)) == 2 < len(every) and "showing 2 of" in res.stderr
    huawei = json.loads(_cli("explore", "events", "--actor", "huawei", "--json", "--out",
                             str(seed_out)).stdout)
    assert huawei and all("Huawei" in r["sources"] + r["targets"] + r["others"]
                          for r in huawei)
    assert len(huawei) == len(json.loads(_cli("explore", "actor", "Huawei", "--json", "--out",
                                              str(seed_out)).stdout)["timeline"])


@pytest.fixture(scope="module")
def browns_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two Browns, and a generic actor ("people") that links Acme to Globex."""
    folder = tmp_path_factory.mktemp("browns")
    texts = ["Gordon Brown criticised Acme Corp on Monday. Gordon Brown praised Initech on "
             "Tuesday. Gordon Brown visited Hooli in Paris on Wednesday.",
             "Steve Brown met Acme Corp on Thursday.",
             "People criticised Acme Corp on Friday. People protested against Globex on "
             "Saturday."]
    (folder / "browns.jsonl").write_text("\n".join(
        json.dumps({"title": f"T{i}", "text": t}) for i, t in enumerate(texts)) + "\n")
    run([folder / "browns.jsonl"], folder / "out", progress=False)
    return folder / "out"


def test_graph_explore_ambiguous_name_lists_candidates(browns_out: Path) -> None:
    res = _cli("explore", "actor", "brown", "--out", str(browns_out))
    assert res.exit_code == 1
    assert "Gordon Brown (person, 2 events), Steve Brown (person, 1 event)" in res.stderr
    assert _cli("explore", "actor", "gordon brown", "--out", str(browns_out)).exit_code == 0
    res = _cli("explore", "events", "--actor", "brown", "--out", str(browns_out))
    assert res.exit_code == 1 and "may be" in res.stderr


def test_graph_explore_named_only(browns_out: Path) -> None:
    top = _cli("explore", "top", "--csv", "--out", str(browns_out)).stdout
    named = _cli("explore", "top", "--named-only", "--csv", "--out", str(browns_out)).stdout
    assert "people" in top and "people" not in named
    assert _cli("explore", "path", "Steve Brown", "Globex", "--out",
                str(browns_out)).exit_code == 0  # Acme, then people, then Globex
    res = _cli("explore", "path", "Steve Brown", "Globex", "--named-only", "--out",
               str(browns_out))
    assert res.exit_code == 1 and "not connected through named actors" in res.stderr


@pytest.mark.parametrize("cmd", [["top"], ["events"]])
def test_graph_explore_without_graph(tmp_path: Path, cmd: list[str]) -> None:
    res = _cli("explore", *cmd, "--out", str(tmp_path))
    assert res.exit_code == 1 and "no graph yet" in res.stderr


@pytest.fixture(scope="module")
def evil_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph whose actor names try to inject markup into the page."""
    out = tmp_path_factory.mktemp("evil")
    actors = {f"a{i}": Actor(f"a{i}", name, "organisation", n_events=1)
              for i, name in enumerate([*EVIL, "Securities and Exchange Commission"])}
    event = Event("e1", "art", "fine", "fined", 0, 60,
                  f"The SEC fined {EVIL[0]} and {EVIL[1]} $5m.", "2024-03-05", "2024-03-05",
                  5e6, "USD", ("US",))
    roles = [Link("e1", "a0", Role.TARGET, EVIL[0], 0, 1, "", "art"),
             Link("e1", "a1", Role.TARGET, EVIL[1], 0, 1, "", "art"),
             Link("e1", "a2", Role.SOURCE, "SEC", 4, 7, "", "art")]
    cat = ListCatalogue(actors, [event], roles, {a: ["art"] for a in actors})
    write_html(out, cat)
    return out


@pytest.mark.parametrize("forbidden", ["<script>alert", "<img src=x", "http://", "https://"])
def test_graph_html_is_escaped_and_offline(evil_out: Path, forbidden: str) -> None:
    page = (evil_out / "graph.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert forbidden not in page


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    return exe


@pytest.mark.parametrize("n", [1])
def test_graph_html_renders_in_headless_chromium(evil_out: Path, tmp_path: Path, n: int) -> None:
    exe = _chromium()
    proc = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
         (evil_out / "graph.html").as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    dom = proc.stdout
    assert "nodes drawn" in dom, proc.stderr[-2000:]
    drawn = int(dom.split("nodes drawn")[0].rsplit(">", 1)[1])
    assert drawn == 4  # two firms, the SEC and the event
    # the names stay text: no element was created from them
    assert "<img src" not in dom and "<script>alert" not in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Holdings" in dom
    # the page fetched nothing: no resource beyond the file itself
    assert f'data-resources="{n - 1}"' in dom


def _dom(exe: str, page: Path, profile: Path, fragment: str = "") -> str:
    proc = subprocess.run(
        [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom",
         page.as_uri() + fragment],
        capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder whose graph is larger than the page draws: 61 actors, 601 events; the
    page's index holds 500 of them."""
    from dataclasses import replace

    from pipeline.config import Tuning

    out = tmp_path_factory.mktemp("big")
    actors = {f"a{i}": Actor(f"a{i}", f"Actor {i}", "organisation", n_events=20)
              for i in range(60)}
    actors["q"] = Actor("q", "Quiet Holdings", "organisation", n_events=1)
    events = [Event(f"e{j:03}", f"art{j % 7}", "acquire", "bought", 0, 1, f"Deal {j}.",
                    f"2024-01-{1 + j % 28:02}") for j in range(600)]
    events.append(Event("e999", "art9", "assault", "attacked", 0, 1, "Quiet was attacked.",
                        "2024-02-01"))
    roles = [Link(f"e{j:03}", f"a{(j * 7 + k) % 60}", Role.SOURCE, "x", 0, 1, "", f"art{j % 7}")
             for j in range(600) for k in range(2)]
    roles.append(Link("e999", "q", Role.TARGET, "Quiet", 0, 1, "", "art9"))
    cat = ListCatalogue(actors, events, sorted(set(roles)),
                        {a: [f"art{i % 7}"] for i, a in enumerate(actors)})
    write_html(out, cat, replace(Tuning.defaults(), max_html_nodes=100, max_index_events=500))
    return out / "graph.html"


@pytest.mark.parametrize(("fragment", "expected"), [
    # the busiest part is drawn, and the page says of what
    ("", ["nodes drawn (busiest part of 662)", "holds the newest 500 of 601 events"]),
    # an actor the busiest part leaves out is found, with its neighbourhood
    ("#actor=quiet%20holdings", ['data-mode="actor"', "Quiet Holdings: 1 event",
                                 "Quiet was attacked."]),
    # every event of a type (up to the cap), with the folder's true count
    ("#type=acquire", ["acquire: 600 events in the folder, 300 drawn (499 in the page's index)"]),
    # the actor-actor views, labelled as what they are
    ("#view=comention", ["linked by articles that mention both"]),
    ("#view=shared", ["linked by shared events"]),
    # several actors answer to a name: the page lists them with their counts
    ("#actor=actor", ["60 actors match “actor”", "Actor 10 (organisation, 20 events)"]),
])
def test_graph_html_explores_the_whole_folder(big_page: Path, tmp_path: Path, fragment: str,
                                              expected: list[str]) -> None:
    dom = _dom(_chromium(), big_page, tmp_path / "profile", fragment)
    for text in expected:
        assert text in dom, (text, dom[-3000:])
    assert 'data-resources="0"' in dom


_BIG_GRAPH = """
import sys
from pathlib import Path
from pipeline.corpus import ListCatalogue
from dataclasses import replace
from pipeline.config import Tuning
from pipeline.output.graph import write_html
from pipeline.types import Actor, Event, Link, Role
actors = {f"a{i}": Actor(f"a{i}", f"Actor {i}", "organisation", n_events=20) for i in range(60)}
events = [Event(f"e{j}", "art", "deal", "deal", 0, 1, "s") for j in range(600)]
roles = [Link(f"e{j}", f"a{(j * 7 + k) % 60}", Role.SOURCE, "x", 0, 1, "", "art")
         for j in range(600) for k in range(2)]
cat = ListCatalogue(actors, events, sorted(set(roles)), {a: ["art"] for a in actors})
write_html(Path(sys.argv[1]), cat, replace(Tuning.defaults(), max_html_nodes=200))
"""


@pytest.mark.parametrize("seeds", [("1", "2")])
def test_graph_html_layout_does_not_depend_on_hash_seed(tmp_path: Path,
                                                        seeds: tuple[str, str]) -> None:
    """A graph larger than the page shows its busiest part, laid out the same in every run."""
    pages = []
    for seed in seeds:
        out = tmp_path / seed
        out.mkdir()
        subprocess.run([sys.executable, "-c", _BIG_GRAPH, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append((out / "graph.html").read_bytes())
    assert pages[0] == pages[1]


@pytest.mark.parametrize("type_", ["nonsense", "FINES"])
def test_graph_explore_unknown_type_lists_the_valid_ones(seed_out: Path, type_: str) -> None:
    res = _cli("explore", "events", "--type", type_, "--out", str(seed_out))
    assert res.exit_code == 1 and "the types are:" in res.stderr and "sanction" in res.stderr


#: the events each story of the seed digest reports (its headline's action), with an actor
#: that takes part: what an analyst reading the digest would list
SEED_EVENTS = [
    ("South Korea retailer", "breach", "Coupang"),
    ("UK to require", "legislate", "United Kingdom"),
    ("Vanity Fair publisher", "sanction", "Condé Nast"),
    ("Concerns grow over WhatsApp", "investigate", "Meta"),
    ("Utah governor", "demand", "governor"),
    ("Huawei and ZTE", "agree", "Huawei"),
    ("Crypto mining", "legislate", "Turkmenistan"),
    ("EU moves forward", "legislate", "European Union"),
]


@pytest.mark.parametrize("title,etype,actor", SEED_EVENTS)
def test_graph_seed_gold_events_found(seed_out: Path, title: str, etype: str,
                                      actor: str) -> None:
    titles = {r["article_id"]: r["title"] for r in _rows(seed_out / "articles.csv")}
    names = {r["actor_id"]: r["name"] for r in _rows(seed_out / "actors.csv")}
    links: dict[str, set[str]] = {}
    for r in _rows(seed_out / "event_actors.csv"):
        links.setdefault(r["event_id"], set()).add(names[r["actor_id"]])
    found = [e for e in _rows(seed_out / "events.csv")
             if titles[e["article_id"]].startswith(title) and e["type"] == etype
             and any(actor in name for name in links.get(e["event_id"], ()))]
    assert found, f"no {etype} event with {actor} in the story {title!r}"


def test_graph_event_with_no_actor_named_is_written(tmp_path: Path) -> None:
    """An attack whose actors the text does not name is in events.csv and the graph (an
    event node with no edge), not dropped with the events whose participants are no actor."""
    dump = tmp_path / "blast.txt"
    dump.write_text("Blast in the city\n\nA bomb exploded on Friday near the old market.\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    run([dump], out, progress=False)
    events = _rows(out / "events.csv")
    assert [(e["type"], e["trigger"]) for e in events] == [("assault", "exploded")]
    g = nx.read_graphml(out / "graph.graphml")
    assert any(d.get("kind") == "event" for _, d in g.nodes(data=True))


def test_graph_export_writes_the_whole_folder_or_a_part(seed_out: Path, tmp_path: Path) -> None:
    """`export graph` writes the whole graph, or the events a filter keeps, as GraphML, GEXF
    or node-link JSON; a bad file name or an unknown actor is one line."""
    events = _rows(seed_out / "events.csv")
    whole = tmp_path / "whole.graphml"
    res = _cli("export", "graph", str(whole), "--out", str(seed_out))
    assert res.exit_code == 0, res.stderr
    kinds = nx.get_node_attributes(nx.read_graphml(whole), "kind")
    assert sum(k == "event" for k in kinds.values()) == len(events)
    fines = tmp_path / "fines.gexf"
    assert _cli("export", "graph", str(fines), "--type", "fine", "--out",
                str(seed_out)).exit_code == 0
    nodes = nx.read_gexf(fines).nodes(data=True)
    assert {d["subtype"] for _, d in nodes if d["kind"] == "event"} == {"fine"}
    huawei = tmp_path / "huawei.json"
    assert _cli("export", "graph", str(huawei), "--actor", "huawei", "--out",
                str(seed_out)).exit_code == 0
    data = json.loads(huawei.read_text())
    hid = next(n["id"] for n in data["nodes"] if n.get("name") == "Huawei")
    events_of = {link["target"] for link in data["links"] if link["source"] == hid}
    assert events_of == {n["id"] for n in data["nodes"] if n["kind"] == "event"}
    res = _cli("export", "graph", str(tmp_path / "g.txt"), "--out", str(seed_out))
    assert res.exit_code == 1 and "give a file ending in .graphml" in res.stderr
    res = _cli("export", "graph", str(tmp_path / "g.gexf"), "--actor", "Hauwei", "--out",
               str(seed_out))
    assert res.exit_code == 1 and "did you mean 'Huawei'" in res.stderr
    res = _cli("export", "tables", str(tmp_path / "t"), "--out", str(tmp_path / "none"))
    assert res.exit_code == 1 and "holds no newsgraph output" in res.stderr


def test_graph_run_writes_the_newest_dumps_as_graphml(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's graph.graphml, graph.gexf and graph.json hold the events of its newest dumps,
    up to max_slice_events, and their actors with the part's articles; events.csv (and
    explore) keep the whole folder."""
    out = tmp_path / "out"
    run([SEED], out, progress=False)
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({"title": "T", "text": "Acme Corp bought Globex on Monday. "
                               "Huawei sued Acme Corp in Paris."}) + "\n")
    monkeypatch.setenv("NEWSGRAPH_MAX_SLICE_EVENTS", "5")
    run([new], out, progress=False)
    g = nx.read_graphml(out / "graph.graphml")
    titles = {d.get("title") for _, d in g.nodes(data=True) if d["kind"] == "event"}
    assert titles == {"T"} and 0 < sum(1 for _, d in g.nodes(data=True)
                                       if d["kind"] == "event") <= 5
    # an actor's articles in the part are the part's (its counts stay the folder's)
    part = {d["article_ids"] for _, d in g.nodes(data=True) if d["kind"] == "event"}
    assert {d["article_ids"] for _, d in g.nodes(data=True) if d["kind"] == "actor"} == part
    assert len(_rows(out / "events.csv")) > 5
    nodes = json.loads((out / "graph.json").read_text())["nodes"]
    assert {n.get("title") for n in nodes if n["kind"] == "event"} == {"T"}
    res = _cli("explore", "events", "--json", "--out", str(out))
    assert len(json.loads(res.stdout)) == len(_rows(out / "events.csv"))


@pytest.mark.parametrize("window", [3, 100])
def test_graph_html_index_names_the_newest_articles(seed_out: Path, window: int) -> None:
    """The page's index gives each actor its true article count, and lists its articles
    among the newest dumps' ``max_index_articles`` only (every article when the folder holds
    no more): the index stays bounded however large the folder grows."""
    from pipeline.corpus import build_catalogue
    from pipeline.output.html import page_index
    from pipeline.store import Store

    store = Store(seed_out)
    cat = build_catalogue(store)
    try:
        index = page_index(cat, 1000, 1000, 300, window)
        in_actors_csv = {r["actor_id"]: int(r["n_articles"])
                         for r in _rows(seed_out / "actors.csv")}
        newest = [r["article_id"] for r in sorted(_rows(seed_out / "articles.csv"),
                                                   key=lambda r: int(r["position"]))][:window]
        listed = {a[0]: set(a[6]) for a in index["actors"]}
        assert all(a[7] == in_actors_csv[a[0]] for a in index["actors"])
        by_position = {a: i for i, a in enumerate(newest)}
        every = cat.articles_by_actor(listed)
        for actor_id, refs in listed.items():
            assert len(refs) == len([a for a in every[actor_id] if a in by_position])
        assert index["capped"].get("articles") == (window if window < 10 else None)
        assert sum(len(r) for r in listed.values()) < sum(len(r) for r in every.values()) \
            or window >= 10
    finally:
        cat.close()
        store.close()
