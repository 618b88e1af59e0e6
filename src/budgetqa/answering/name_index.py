"""An index of every name the documents of a store hold (bodies, units, table rows, projects),
built once per (re)load, so choosing the document a question is about looks only at the few
documents whose names could be the question's, not at every document.

Each lookup returns *candidates*: a superset of what the exact test (in
:mod:`budgetqa.service`) would accept, which the caller then checks as before; the answers are
the same as scanning every document. The candidate rules mirror the exact tests:

- a mention covers a name when a longest common subsequence of (a suffix of) the mention and
  the name has at least 3/4 of the suffix's characters (``service.cover_ratio``); so at most a
  quarter of them may be missing from the name, and of any ``misses + 1`` of its characters one
  is in the name: the names holding one of the rarest such characters are the candidates;
- a name containing a text contains the text's rarest pair of adjacent characters;
- a name sharing 3/4 of a text's distinct characters holds one of any ``misses + 1`` of them.

    >>> names = NameIndex.build(answerers)                     # answerers: {doc_id: DocumentAnswerer}
    >>> names.departments_near("大数据局")                      # doc ids whose body it may name
    ['yangquan-bigdata-bureau-2023-budget']
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Mapping

import numpy as np

# With many documents, at most this many of those holding a code a question names are matched
# in full (the ones with most in common with the question): a code most documents print
# (2010101) would otherwise have every one of them matched.
MAX_CODE_CANDIDATES = 6
COVER = 0.75  # the share of a mention's characters a name must hold (mentions.covers)
# What cover_ratio takes off the front of a mention's part before comparing it (市统计局 -> 统计局).
LEVEL_WORD = re.compile(r"^(市|县|区|省)")


def _misses_allowed(length: int) -> int:
    """Characters of a text of ``length`` that may be missing when 3/4 must be found."""
    return length - -(-3 * length // 4)  # length - ceil(3/4 length)


class CharIndex:
    """Strings by the characters and adjacent pairs they hold.

    >>> idx = CharIndex(["上海市普陀区民政局", "杭州市司法局"])
    >>> idx.containing("普陀区")
    ['上海市普陀区民政局']
    """

    def __init__(self, strings: Iterable[str], pairs: bool = False):
        self.strings: list[str] = list(dict.fromkeys(strings))
        self._chars: dict[str, list[int]] = defaultdict(list)
        self._pairs: dict[str, list[int]] = defaultdict(list)
        for n, s in enumerate(self.strings):
            for ch in set(s):
                self._chars[ch].append(n)
            if pairs:
                for pair in {s[i:i + 2] for i in range(len(s) - 1)}:
                    self._pairs[pair].append(n)
        self._chars = dict(self._chars)
        self._pairs = dict(self._pairs)

    def _holding_some(self, chars: list[str], some: int) -> set[int]:
        """Strings holding at least one of the ``some`` rarest of ``chars`` (positions)."""
        rarest = sorted(chars, key=lambda ch: len(self._chars.get(ch, ())))[:some]
        out: set[int] = set()
        for ch in rarest:
            out.update(self._chars.get(ch, ()))
        return out

    def covering(self, mention: str) -> list[tuple[str, float]]:
        """Strings a mention (as ``cover_ratio`` expands it) could cover, with an upper bound of
        its ``cover_ratio``, best first: for some suffix of the mention (its leading 市/县/区/省
        dropped) at most a quarter of the characters are missing from the string."""
        cores = [(k, core) for k in range(0, max(1, len(mention) - 2))
                 if len(core := LEVEL_WORD.sub("", mention[k:])) >= 2]
        found: set[int] = set()
        for _, core in cores:
            found |= self._holding_some(list(core), _misses_allowed(len(core)) + 1)
        out = []
        for n in sorted(found):
            chars = set(self.strings[n])
            # a common subsequence is no longer than the characters the string holds
            bound = max(sum(ch in chars for ch in core) / len(core) - 0.01 * k for k, core in cores)
            if bound >= COVER:
                out.append((self.strings[n], bound))
        return sorted(out, key=lambda sb: -sb[1])

    def sharing(self, text: str) -> list[str]:
        """Strings holding at least 3/4 of ``text``'s distinct characters."""
        distinct = set(text)
        need = COVER * len(distinct)
        some = self._holding_some(list(distinct), _misses_allowed(len(distinct)) + 1)
        return [self.strings[n] for n in sorted(some) if len(distinct & set(self.strings[n])) >= need]

    def containing(self, text: str) -> list[str]:
        """Strings that contain ``text`` (built with ``pairs=True``; a text under two characters
        is looked for in every string)."""
        if len(text) < 2:
            return [s for s in self.strings if text in s]
        pairs = {text[i:i + 2] for i in range(len(text) - 1)}
        rarest = min(pairs, key=lambda p: len(self._pairs.get(p, ())))
        return [self.strings[n] for n in self._pairs.get(rarest, ()) if text in self.strings[n]]


class NameIndex:
    """The names of every document of a store, for choosing among many documents.

    ``departments`` maps each document (in the store's order) to its body's name; ``org_names``
    to the names of the bodies it names (its own, its units, the bodies its forms name);
    ``entity_keys`` to the names of its rows, projects and items; ``sections`` to its narrative;
    ``bigrams`` and ``codes`` to what its catalogue holds (for ranking by affinity).
    """

    def __init__(self, departments: Mapping[str, str], org_names: Mapping[str, list[str]],
                 entity_keys: Mapping[str, Iterable[str]], sections: Mapping[str, Iterable[str]],
                 bigrams: Mapping[str, Iterable[str]], codes: Mapping[str, Iterable[str]]):
        self.order = list(departments)
        self._position = {d: n for n, d in enumerate(self.order)}
        self._by_department: dict[str, list[str]] = defaultdict(list)
        for doc_id, name in departments.items():
            self._by_department[name].append(doc_id)
        self._departments = CharIndex(self._by_department)
        self._org_names = CharIndex(n for names in org_names.values() for n in names)
        self._keys = CharIndex((k for keys in entity_keys.values() for k in keys), pairs=True)
        # one string of every section: a name (never holding a line break) is in one of them
        # exactly when it is in this
        self._sections = "\n".join(t for texts in sections.values() for t in texts)
        self._bigrams: dict[str, np.ndarray] = {}
        postings: dict[str, list[int]] = defaultdict(list)
        for doc_id, pairs in bigrams.items():
            n = self._position[doc_id]
            for pair in pairs:
                postings[pair].append(n)
        self._bigrams = {p: np.array(ns, dtype=np.int32) for p, ns in postings.items()}
        self._codes: dict[str, set[str]] = defaultdict(set)
        for doc_id, cs in codes.items():
            for c in cs:
                self._codes[c].add(doc_id)

    @classmethod
    def build(cls, answerers: Mapping, org_names) -> "NameIndex":
        """From the service's answerers (``{doc_id: DocumentAnswerer}``, in the store's order);
        ``org_names(answerer)`` lists the bodies a document names."""
        items = list(answerers.items())
        return cls({d: a.doc.department for d, a in items},
                   {d: org_names(a) for d, a in items},
                   {d: (k for e in a.cat.entities for k in (e.key, re.sub(r"\W", "", e.name))) for d, a in items},
                   {d: (s.text for s in a.doc.sections if s.text) for d, a in items},
                   {d: a.cat.bigrams for d, a in items},
                   {d: a.cat.codes for d, a in items})

    # ------------------------------------------------------------ bodies

    def departments_near(self, q: str, mentions: Iterable[str] = ()) -> list[tuple[str, float]]:
        """Documents whose body's name the question holds in full, or that one of its mentions
        (expanded: 区府办 -> 区政府办公室) could cover, with an upper bound of the score
        ``BudgetQA.scope`` gives them (the name's length if held in full, else a mention's
        ``cover_ratio`` times its length), best first."""
        held = {n for n in self._by_department if n in q}
        bound: dict[str, float] = {n: float(len(n)) for n in held}
        for m in mentions:
            for n, ratio in self._departments.covering(m):
                if n not in held:
                    bound[n] = max(bound.get(n, 0.0), ratio * len(m))
        ranked = sorted(bound.items(), key=lambda nb: -nb[1])
        return [(d, b) for n, b in ranked for d in self._by_department[n]]

    def org_names_near(self, mention: str) -> list[str]:
        """Names of bodies (any document's own, its units', its forms') a mention could cover,
        the likeliest first."""
        return [n for n, _ in self._org_names.covering(mention)]

    def entity_keys_near(self, org: str, tails: list[str]) -> list[str]:
        """Row, project and item names that contain one of ``tails`` or share 3/4 of ``org``'s
        distinct characters."""
        found = dict.fromkeys(k for t in tails for k in self._keys.containing(t))
        found.update(dict.fromkeys(self._keys.sharing(org)))
        return list(found)

    def in_sections(self, name: str) -> bool:
        """Is ``name`` (no line break) in some document's narrative?"""
        return name in self._sections

    # ------------------------------------------------------------ ranking

    def affinity(self, q: str) -> dict[str, int]:
        """Each document's ``Catalogue.affinity(q)``: the question's adjacent character pairs
        (counted per position) its names hold."""
        counts = np.zeros(len(self.order), dtype=np.int64)
        for i in range(len(q) - 1):
            docs = self._bigrams.get(q[i:i + 2])
            if docs is not None:
                counts[docs] += 1
        return dict(zip(self.order, counts.tolist()))

    def holding_codes(self, codes: Iterable[str]) -> set[str]:
        """Documents whose catalogue holds one of ``codes``."""
        out: set[str] = set()
        for c in codes:
            out |= self._codes.get(c, set())
        return out
