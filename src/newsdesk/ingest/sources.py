"""Finding input documents and turning their bytes into trustworthy text.

Everything that can go wrong before a parser sees a document is caught here and turned
into an :class:`InputError` naming the input: a missing path, a file over the size limit
(refused from its size alone, never read), a truncated or oversized gzip stream, binary
data under a text name, undecodable bytes.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

import ftfy
from charset_normalizer import from_bytes

from newsdesk.errors import InputError, UsageError
from newsdesk.settings import Settings

Kind = Literal["html", "text", "json", "jsonl", "feed", "warc"]

_SUFFIX_KINDS: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
_COMPRESSED = (".gz", ".gzip")
GZIP_MAGIC = b"\x1f\x8b"
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """One input named on the command line or found in a folder."""

    name: str  # what messages and `path` show: the path as given, or "-" for stdin
    path: Path | None  # None for standard input

    @property
    def id(self) -> str:
        """The article id the contract asks for: the file name without its extensions."""
        if self.path is None:
            return "stdin"
        name = self.path.name
        # Strip only known extensions, so "report.v2.html.gz" keeps "report.v2".
        lowered = name.lower()
        for suffix in _COMPRESSED:
            if lowered.endswith(suffix):
                name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
        for suffix in _SUFFIX_KINDS:
            if lowered.endswith(suffix):
                name = name[: -len(suffix)]
                break
        return name or self.path.name

    def suffix_kind(self) -> Kind | None:
        if self.path is None:
            return None
        lowered = self.path.name.lower()
        for suffix in _COMPRESSED:
            lowered = lowered.removesuffix(suffix)
        return _SUFFIX_KINDS.get(Path(lowered).suffix)


def discover(inputs: tuple[str | Path, ...]) -> list[Source]:
    """Expand folders (recursively, sorted) and check that each named path exists.

    A path that does not exist is a usage error (the user mistyped it), unlike a file that
    exists but cannot be read, which becomes an article with ``error`` set.
    """
    if not inputs:
        raise UsageError("no inputs given; name files, folders, or '-' for standard input")
    sources: list[Source] = []
    for item in inputs:
        text = str(item)
        if text == STDIN:
            sources.append(Source(STDIN, None))
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))
            )
            sources.extend(Source(str(p), p) for p in found)
        elif path.exists():
            sources.append(Source(text, path))
        else:
            raise UsageError(f"input not found: {text}")
    return sources


def _hidden(relative: Path) -> bool:
    # Dot-files and dot-folders (.git, .DS_Store) are never newsroom input.
    return any(part.startswith(".") for part in relative.parts)


def read_bytes(source: Source, settings: Settings, stdin: BinaryIO | None = None) -> bytes:
    """The raw bytes of a source, decompressed when they are gzip, within the size limits."""
    limit = settings.max_input_bytes
    if source.path is None:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
    else:
        try:
            size = source.path.stat().st_size
            # Refuse from the size alone: a huge file is never read into memory.
            if size > limit:
                raise InputError(
                    source.name,
                    f"file is {size / 2**20:.1f} MiB, over the {limit / 2**20:.1f} MiB "
                    "input limit (max_input_bytes)",
                )
            data = source.path.read_bytes()
        except OSError as exc:
            raise InputError(source.name, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(source.name, f"input is over the {limit} byte limit (max_input_bytes)")
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source.name, settings.max_decompressed_bytes)
    return data


def gunzip(data: bytes, name: str, limit: int) -> bytes:
    """Decompress every gzip member, refusing truncated streams and zip bombs."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        # wbits 16+MAX_WBITS: expect a gzip header and trailer (the CRC catches corruption).
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(rest, limit - total + 1)
        except zlib.error as exc:
            raise InputError(name, f"corrupt gzip data ({exc})") from None
        total += len(chunk)
        if total > limit or inflater.unconsumed_tail:
            raise InputError(
                name, f"decompresses to more than {limit} bytes (max_decompressed_bytes)"
            )
        if not inflater.eof:
            raise InputError(name, "truncated gzip file (the stream ends before its trailer)")
        out.append(chunk)
        rest = inflater.unused_data.lstrip(b"\x00")
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return b"".join(out)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# UTF-8 read as Latin-1/cp1252 leaves a lead character (Â, Ã, â, Ð...) followed by a
# character from the continuation range or cp1252's punctuation block. ftfy's full check
# costs ~50 ms on a large page, so it only runs where this cheap hint fires.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c5\u00d0\u00d1\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u2026\u20ac\u2122]"
)


def decode(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Bytes to text: BOM, then strict UTF-8, then a declared charset, then detection.

    Mojibake (UTF-8 read as Latin-1 or cp1252 upstream, e.g. ``â€™`` for a right quote)
    is repaired with ftfy's ``fix_encoding``, which only undoes encoding mix-ups and
    leaves typography (curly quotes, dashes) as the outlet wrote it.
    """
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(name, "binary data, not text (NUL bytes in the first 8 KiB)")
    text = _decode_bytes(data, declared)
    sample = text[:8192]
    # More than 1 in 20 control characters means this is not text, whatever its name says.
    if sample and len(_BINARY_CONTROL.findall(sample)) > len(sample) / 20:
        raise InputError(name, "binary data, not text (control characters throughout)")
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_encoding(text)
    # Composed forms, so that "é" is one character whichever way the page encoded it; the
    # check is cheap and nearly every page passes it.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _decode_bytes(data: bytes, declared: str | None) -> str:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    charset = declared
    if charset is None:
        match = _META_CHARSET.search(data[:4096])
        charset = match.group(1).decode("ascii", "ignore") if match else None
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data[: 1 << 20]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def sniff_kind(source: Source, data: bytes) -> Kind:
    """The parser for a document: by its name first, by its first bytes otherwise."""
    by_name = source.suffix_kind()
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if by_name == "feed" and not _looks_like_feed(head):
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "feed"
    if by_name == "json" and _looks_like_jsonl(head, data):
        return "jsonl"  # JSON Lines saved under a .json name, a common export habit
    if by_name is not None:
        return by_name
    if head.startswith(b"warc/"):
        return "warc"
    if _looks_like_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl" if _looks_like_jsonl(head, data) else "json"
    return "text"


def _looks_like_jsonl(head: bytes, data: bytes) -> bool:
    first_line = head.split(b"\n", 1)[0].rstrip()
    return head.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in data[:65536]


def _looks_like_feed(head: bytes) -> bool:
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def iter_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Numbered non-blank lines (1-based), for JSONL."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield number, line
