"""Every input form, and every kind of bad input: one record each, the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import validate_contract
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.errors import UsageError
from newsdesk.ingest import extract
from newsdesk.settings import Settings

PARAGRAPHS = [
    (
        "The city council voted on Tuesday to close the old river bridge to cars from next "
        "month, after engineers found cracks in two of its supports."
    ),
    (
        "Buses and bicycles will still be allowed across while repairs go ahead, the council "
        "said, and the work is expected to take about eighteen months."
    ),
    (
        "Shop owners on both banks said they feared losing customers, and asked for "
        "temporary parking near the bridge to be opened during the closure."
    ),
]

OTHER = [
    "Ferry fares will rise by a tenth in June, the operator said, citing fuel costs.",
    "Season tickets for commuters are not affected until the end of the year.",
]


def page(title: str = "River bridge to close to cars", body: list[str] = PARAGRAPHS) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | The Courier</title>"
        "<meta property='og:site_name' content='The Courier'>"
        "<meta property='article:published_time' content='2025-04-08T09:30:00Z'>"
        "<meta name='author' content='Maya Lind'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>© The Courier. All rights reserved.</footer></body></html>"
    )


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def one(path: Path, settings: Settings | None = None):
    (article,) = extract(path, settings=settings)
    return article


# --- good inputs --------------------------------------------------------------------


def test_html_page_gives_text_and_metadata(tmp_path: Path) -> None:
    a = one(write(tmp_path / "bridge.html", page()))
    assert a.ok and a.id == "bridge"
    assert a.title == "River bridge to close to cars"
    assert a.source == "The Courier"
    assert a.byline == "Maya Lind"
    assert a.published == "2025-04-08"
    assert a.language == "en"
    assert a.text.split("\n\n") == PARAGRAPHS
    validate_contract(a.to_extract_record(), "extract.schema.json")


def test_gzip_and_ids_without_extensions(tmp_path: Path) -> None:
    a = one(write(tmp_path / "007_bridge.html.gz", gzip.compress(page().encode())))
    assert a.ok and a.id == "007_bridge"
    assert PARAGRAPHS[0] in a.text


def test_cp1252_bytes_and_mojibake_are_repaired(tmp_path: Path) -> None:
    text = "The caf\u00e9 owners\u2019 group said the closure would hurt trade.\n" + PARAGRAPHS[0]
    a = one(write(tmp_path / "cp.txt", text.encode("cp1252")))
    assert a.text.startswith("The caf\u00e9 owners\u2019 group said")
    # UTF-8 bytes once decoded as cp1252 upstream and saved again as UTF-8 ("cafÃ©")
    garbled = text.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "Ã©".encode() in garbled
    b = one(write(tmp_path / "moji.txt", garbled))
    assert b.text.startswith("The caf\u00e9 owners\u2019 group said")


def test_folder_is_read_recursively_in_sorted_order_skipping_dotfiles(tmp_path: Path) -> None:
    write(tmp_path / "b" / "2.txt", PARAGRAPHS[1])
    write(tmp_path / "a.txt", PARAGRAPHS[0])
    write(tmp_path / ".hidden" / "x.txt", PARAGRAPHS[2])
    assert [a.id for a in extract(tmp_path)] == ["a", "2"]


def test_stdin_is_read_and_sniffed(tmp_path: Path) -> None:
    (a,) = extract("-", stdin=io.BytesIO(page().encode()))
    assert a.ok and a.id == "stdin" and a.title == "River bridge to close to cars"


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    records = [
        {"id": "r1", "title": "Bridge closes", "text": PARAGRAPHS[0], "source": "Courier"},
        {"html": page(), "url": "https://example.org/bridge"},
        {"title": "No id", "body": PARAGRAPHS[2], "date": "2025-04-09"},
    ]
    jsonl = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    a, b, c = extract(jsonl)
    assert (a.id, a.title, a.source, a.path) == ("r1", "Bridge closes", "Courier", f"{jsonl}#1")
    assert b.title == "River bridge to close to cars" and b.url == "https://example.org/bridge"
    assert c.id.startswith("feed-") and c.published == "2025-04-09"
    # ids without an own id are stable: the same record gives the same id in another file
    (again,) = extract(write(tmp_path / "other" / "feed.jsonl", json.dumps(records[2])))
    assert again.id == c.id
    (single,) = extract(write(tmp_path / "one.json", json.dumps({"text": PARAGRAPHS[1]})))
    assert single.id == "one" and single.ok
    # JSON Lines saved under a .json name
    lines = "\n".join(json.dumps({"id": f"L{i}", "text": p}) for i, p in enumerate(PARAGRAPHS))
    assert [a.id for a in extract(write(tmp_path / "lines.json", lines))] == ["L0", "L1", "L2"]


def test_feed_entries_with_content_or_with_links_to_pages_in_the_run(tmp_path: Path) -> None:
    write(tmp_path / "pages" / "bridge.html", page())
    feed = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>The Courier</title>
<item><guid>c-1</guid><title>Full entry</title><pubDate>Tue, 08 Apr 2025 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{OTHER[0]}</p><p>{OTHER[1]}</p>]]></content:encoded></item>
<item><guid>c-2</guid><title>Linked entry</title><link>pages/bridge.html</link>
<description>Short teaser.</description></item>
</channel></rss>"""
    write(tmp_path / "courier.rss", feed)
    articles = extract(tmp_path / "courier.rss", tmp_path / "pages")
    full, linked, html = articles
    assert full.id == "c-1" and full.text.split("\n\n") == OTHER
    assert full.published == "2025-04-08" and full.source == "The Courier"
    assert linked.ok and linked.title == "Linked entry" and linked.text == html.text
    # the page and the entry that points at it are one article, not two sources
    assert html.duplicate_of == "c-2"


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, content_type, body in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio leaves its digest buffer open
    return path


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    warc = _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://example.org/bridge", "text/html; charset=utf-8", page().encode()),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
            (
                "https://example.org/ferry",
                "text/html",
                page("Ferry fares rise", PARAGRAPHS[1:]).encode(),
            ),
        ],
    )
    a, b = extract(warc)
    assert a.url == "https://example.org/bridge" and a.path.startswith(f"{warc}#")
    assert b.title == "Ferry fares rise" and a.id != b.id
    assert extract(warc)[0].id == a.id  # record ids are stable across runs


# --- bad inputs: each gets its record with a one-line error naming it ----------------


def _assert_bad(article, path: Path, words: str) -> None:
    assert not article.ok and article.text == ""
    assert str(path) in article.error and "\n" not in article.error
    assert words in article.error
    validate_contract(article.to_extract_record(), "extract.schema.json")


def test_bad_inputs_each_get_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "00_good.html", page())
    empty = write(tmp_path / "01_empty.txt", b"")
    binary = write(tmp_path / "02_binary.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    truncated = write(tmp_path / "03_cut.html.gz", gzip.compress(page().encode())[:-30])
    no_article = write(
        tmp_path / "04_nav.html",
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
    )
    bad_lines = write(
        tmp_path / "05_lines.jsonl",
        json.dumps({"id": "ok", "text": PARAGRAPHS[0]}) + "\n{not json\n",
    )
    no_html = _warc(tmp_path / "06_images.warc", [("https://e.org/a.png", "image/png", b"\x89PNG")])
    dead = write(
        tmp_path / "07_dead.rss",
        "<rss version='2.0'><channel><title>X</title><item><guid>d1</guid>"
        "<title>Gone</title><link>https://example.org/nowhere</link>"
        "<description>A teaser.</description></item></channel></rss>",
    )
    results = extract(tmp_path)
    assert [a.ok for a in results] == [True, False, False, False, False, True, False, False, False]
    _assert_bad(results[1], empty, "empty")
    _assert_bad(results[2], binary, "binary")
    _assert_bad(results[3], truncated, "truncated gzip")
    _assert_bad(results[4], no_article, "no article text")
    _assert_bad(results[6], bad_lines, "invalid JSON line")
    assert results[6].error.startswith(f"{bad_lines}#2")
    _assert_bad(results[7], no_html, "no HTML response records")
    _assert_bad(results[8], dead, "https://example.org/nowhere")
    assert "not among the inputs" in results[8].error
    assert results[0].ok and good.name.startswith(results[0].id)


def test_oversized_input_is_refused_by_its_size(tmp_path: Path) -> None:
    big = write(tmp_path / "big.html", page() * 40)
    _assert_bad(one(big, Settings(max_input_bytes=4096)), big, "input limit")
    assert one(big).ok  # under the default limit


def test_huge_sparse_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as f:
        f.truncate(200 * 2**20)  # 200 MiB that take no disk space
    tracemalloc.start()
    try:
        article = one(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    _assert_bad(article, huge, "input limit")
    assert peak < 5 * 2**20, f"refusing the file allocated {peak} bytes"


def test_gzip_bomb_is_cut_off(tmp_path: Path) -> None:
    bomb = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * (2 * 2**20)))
    _assert_bad(one(bomb, Settings(max_decompressed_bytes=2**20)), bomb, "decompresses to more")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        extract(tmp_path / "nope.html")
    with pytest.raises(UsageError):
        extract()


def test_atom_feed_entries(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title>
<entry><id>urn:uuid:1</id><title>Ferry fares rise</title><updated>2025-05-01T08:00:00Z</updated>
<author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;{OTHER[0]}&lt;/p&gt;&lt;p&gt;{OTHER[1]}&lt;/p&gt;</content></entry>
</feed>"""
    (a,) = extract(write(tmp_path / "harbour.atom", atom))
    assert (a.id, a.title, a.byline, a.source) == (
        "urn:uuid:1",
        "Ferry fares rise",
        "Ana Ruiz",
        "Harbour News",
    )
    assert a.text.split("\n\n") == OTHER and a.published == "2025-05-01"


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    whole = _warc(
        tmp_path / "whole.warc.gz",
        [
            ("https://example.org/bridge", "text/html", page().encode()),
            (
                "https://example.org/ferry",
                "text/html",
                page("Ferry fares rise", OTHER * 3).encode(),
            ),
        ],
    )
    data = whole.read_bytes()
    cut = write(tmp_path / "cut.warc.gz", data[: len(data) - 200])
    results = extract(cut)
    assert results[0].ok and results[0].url == "https://example.org/bridge"
    assert not results[-1].ok and str(cut) in results[-1].error


def test_json_export_wrapper_and_repeated_ids(tmp_path: Path) -> None:
    export = {"articles": [{"id": "x", "text": OTHER[0]}, {"id": "x", "text": OTHER[1]}]}
    first, second = extract(write(tmp_path / "export.json", json.dumps(export)))
    assert (first.id, second.id) == ("x", "x~2")
    assert second.text == OTHER[1]


def test_a_pool_of_workers_reads_the_same_articles_in_the_same_order(tmp_path: Path) -> None:
    for i in range(24):
        body = [f"Item {i}: {p}" for p in (PARAGRAPHS if i % 2 else OTHER)]
        suffix = ".html" if i % 3 == 0 else ".txt"
        content = (
            page(f"Story number {i} of the day", body) if suffix == ".html" else "\n".join(body)
        )
        write(tmp_path / f"{i:02d}{suffix}", content)
    write(tmp_path / "99_empty.txt", b"")
    alone = extract(tmp_path)
    pooled = extract(tmp_path, settings=Settings(workers=2))
    assert pooled == alone and len(alone) == 25 and not alone[-1].ok


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=60),
            st.sampled_from([b'{"text": "Fine text here."}', b"", b"[1]", b'{"id": 3}']),
        ),
        max_size=12,
    )
)
def test_jsonl_gives_one_record_per_non_blank_line_and_never_raises(lines: list[bytes]) -> None:
    from newsdesk.ingest.records import read_jsonl
    from newsdesk.ingest.sources import Source

    data = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines)
    records = list(read_jsonl(Source("x.jsonl", Path("x.jsonl")), data))
    assert len(records) == sum(1 for line in data.splitlines() if line.strip())
    for record in records:
        assert record.ok or ("\n" not in record.error and record.error.startswith("x.jsonl#"))


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=200))
def test_gzip_reader_gives_bytes_or_a_one_line_input_error(tail: bytes) -> None:
    from newsdesk.errors import InputError
    from newsdesk.ingest.sources import gunzip

    for data in (b"\x1f\x8b" + tail, gzip.compress(tail)[: len(tail) // 2 + 10]):
        try:
            out = gunzip(data, "x.gz", 1000)
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc).startswith("x.gz: ")
        else:
            assert isinstance(out, bytes)
