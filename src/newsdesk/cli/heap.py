"""Keeping Python's cyclic garbage collector off the objects a command keeps until exit.

Importing torch, spaCy and scipy and loading the models creates about 300,000 objects
that live as long as the process. While the heap grows like that, CPython runs a full
collection every time it has grown by a quarter, and each one walks the whole heap and
finds next to nothing: six of them took 0.46-0.53 s of a 5 s cold `newsdesk analyze` on
five articles (measured 2026-11-22). :func:`long_lived` pauses the collector for such a
block and then freezes what it created, so later collections skip it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Run the block with automatic collection off, then freeze every object alive.

    Only for blocks that import modules or load models: the objects they leave behind
    stay until the process ends anyway, so moving them to the permanent generation loses
    nothing. Reference counting still frees everything else at once; only cycles made
    inside the block wait (and the few left at the freeze are kept).
    """
    # A zero threshold rather than gc.disable(): spaCy's model loading unpacks msgpack
    # through srsly, which calls gc.disable() and then gc.enable() around every message,
    # switching the collector back on in the middle of the block.
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)
