"""The tune / check splits of every labelled set that newsdesk fits anything on.

Declared once, here, and imported by every training, fitting and scoring script, so a
figure called "check" is always measured on a part nothing was fitted on. Splits go by
topic, site, article or domain -- never at random over the sentences of one document,
which would leak the document's wording into both halves.

* ecbplus-dev: by topic. Odd topics tune, even topics check (each topic holds two events
  of one kind, so both events of a kind stay on one side).
* polnear-train: the corpus's own ``train/`` articles tune, its ``dev/`` articles check.
* wcxb-dev: by site (the page URL's registered host, hashed), half and half.
* aeb: by page id, hashed.
* snli-dev-test: the ``dev`` split trains, ``test`` checks.
* summedits-other: leave one domain out -- thresholds are fitted on six domains and
  reported on the seventh; no model weight is fitted on any domain.
* qags-cnndm: two folds by article (its position in the file, even / odd).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

SUMMEDITS_DOMAINS = ("podcast", "samsum", "ectsum", "qmsumm", "scitldr",
                     "sales_call", "sales_email")


def _half(key: str) -> str:
    """A stable split of any key into 'tune' / 'check' by its hash (not Python's
    ``hash``, which changes per process)."""
    return "tune" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "check"


def ecbplus_part(topic: int | str) -> str:
    return "tune" if int(topic) % 2 == 1 else "check"


def polnear_part(folder: str) -> str:
    """``train`` -> tune, ``dev`` -> check."""
    return "tune" if folder == "train" else "check"


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    parts = host.split(".")
    if parts and parts[0] == "www":
        parts = parts[1:]
    # the last two labels name the site well enough for a split ("bbc.co.uk" and
    # "news.bbc.co.uk" land together when three labels are kept for short second levels)
    keep = 3 if len(parts) >= 3 and len(parts[-2]) <= 3 else 2
    return ".".join(parts[-keep:])


def wcxb_part(url: str) -> str:
    return _half("wcxb:" + site_of(url))


def aeb_part(page_id: str) -> str:
    return _half("aeb:" + page_id)


def snli_part(split: str) -> str:
    return "tune" if split == "dev" else "check"


def qags_fold(index: int) -> int:
    """Fold 0 or 1 of the index-th article of mturk_cnndm.jsonl."""
    return index % 2
