"""Okapi BM25 over a tenant's knowledge: which entry a customer's text is about.

A knowledge base holds tens of entries, so a library would add a dependency for
forty lines of arithmetic. Scores are not normalised: callers compare them with
`MIN_SCORE`, tuned on the evaluation set (evals/).
"""

import math
from collections import Counter
from dataclasses import dataclass

from services.concierge.domain.text import terms

# Okapi BM25's usual constants: term-frequency saturation and length weight.
K1 = 1.2
B = 0.75
# Below this, the best entry shares too little with the text to be the answer.
MIN_SCORE = 1.0


@dataclass(frozen=True)
class Document:
    """One searchable entry: a FAQ, a service, the hours, the service area."""

    kind: str
    ref: str
    text: str
    # Entries generated from the configuration (hours, area) are the answer to
    # their topic; a boost lets them beat a FAQ that mentions it in passing.
    boost: float = 1.0


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float


class Bm25Index:
    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        self._bags = [Counter(terms(d.text)) for d in documents]
        self._lengths = [sum(bag.values()) for bag in self._bags]
        count = len(documents)
        self._average = sum(self._lengths) / count if count else 0.0
        frequency: Counter[str] = Counter()
        for bag in self._bags:
            frequency.update(bag.keys())
        # The +1 inside the log keeps a term found in most entries positive.
        self._idf = {
            term: math.log(1 + (count - seen + 0.5) / (seen + 0.5))
            for term, seen in frequency.items()
        }

    def search(
        self, text: str, limit: int = 3, kinds: tuple[str, ...] | None = None
    ) -> list[Hit]:
        """The best entries for `text`, best first, above `MIN_SCORE` only."""
        query = set(terms(text))
        hits = []
        for index, document in enumerate(self.documents):
            if kinds is not None and document.kind not in kinds:
                continue
            score = self._score(query, index) * document.boost
            if score >= MIN_SCORE:
                hits.append(Hit(document, score))
        hits.sort(key=lambda hit: hit.score, reverse=True)
        return hits[:limit]

    def _score(self, query: set[str], index: int) -> float:
        bag, length = self._bags[index], self._lengths[index]
        norm = K1 * (1 - B + B * length / self._average) if self._average else K1
        score = 0.0
        for term in query & bag.keys():
            frequency = bag[term]
            score += self._idf[term] * frequency * (K1 + 1) / (frequency + norm)
        return score
