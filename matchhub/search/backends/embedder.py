"""Sentence embeddings for semantic search, loaded offline from a local directory or cache.

The model setting (EMBEDDING_MODEL, env MATCHHUB_EMBEDDING_MODEL) is either a local
directory holding a sentence-transformers model or a hub name such as
``BAAI/bge-small-zh-v1.5`` that must already be in the local Hugging Face cache:
MatchHub never downloads a model at run time. Every failure (package missing, files
missing, bad config) becomes a status with a reason, never an exception.
"""

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

# The retrieval instruction the Chinese BGE models were trained with for short queries.
BGE_ZH_QUERY_PREFIX = "为这个句子生成表示以用于检索相关文章："

# Shown on the admin page 检索状态: Chinese, naming the setting or package to act on.
DISABLED_REASON = "未配置语义检索模型：请设置 MATCHHUB_EMBEDDING_MODEL"
MISSING_PACKAGE_REASON = "未安装 sentence-transformers，语义检索不可用：{error}"
LOAD_FAILED_REASON = "语义检索模型加载失败：{error}"
NOT_A_DIRECTORY_REASON = "模型目录不存在：{path}"
NOT_CACHED_HINT = ("（离线模式：请先在联网机器上把模型下载到缓存，"
                   "或将 EMBEDDING_MODEL 设为本地目录）")
MAX_ERROR_CHARS = 400


class Embedder:
    """One loaded sentence-transformers model; vectors are float32 and L2-normalised."""

    def __init__(self, model: Any, name: str, query_prefix: str = "", lock: Any = None):
        self._model = model
        self.name = name
        self.query_prefix = query_prefix
        # Fast tokenizers are not safe to call from two threads at once.
        self._lock = lock or threading.Lock()
        self.dim = _dimension(model)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=batch_size, convert_to_numpy=True,
                normalize_embeddings=True, show_progress_bar=False,
            )
        return normalise(np.asarray(vectors, dtype=np.float32))

    def encode_queries(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self.encode([self.query_prefix + text for text in texts], batch_size)

    def encode_documents(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        return self.encode(texts, batch_size)


@dataclass(frozen=True)
class EmbedderStatus:
    """The outcome of load_embedder; ``embedder`` is set only when ``ok``."""

    ok: bool
    state: str  # "ready", "disabled" or "error"
    model: str
    reason: str = ""
    embedder: Embedder | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, Any]:
        status = {"ok": self.ok, "state": self.state, "model": self.model, "reason": self.reason}
        if self.embedder is not None:
            status["dim"] = self.embedder.dim
        return status


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; all-zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1)).astype(np.float32, copy=False)


def enabled() -> bool:
    """True when sentence-transformers (and torch) can be imported."""
    try:
        _import_sentence_transformer()
    except Exception:  # a broken torch raises OSError or RuntimeError, not only ImportError
        return False
    return True


def load_embedder(
    model: str | None, cache_dir: str | None = None, query_prefix: str | None = None
) -> EmbedderStatus:
    """Load (once per process) the configured model; never raises.

    ``query_prefix`` None uses the model's own "query" prompt if it defines one.
    """
    name = (model or "").strip()
    if not name:
        return EmbedderStatus(False, "disabled", "", DISABLED_REASON)
    try:
        sentence_transformer = _import_sentence_transformer()
    except Exception as exc:
        return EmbedderStatus(False, "disabled", name, MISSING_PACKAGE_REASON.format(error=exc))
    try:
        loaded, lock = _cached_model(sentence_transformer, name, cache_dir)
        embedder = Embedder(loaded, name, _query_prefix(loaded, query_prefix), lock)
    except Exception as exc:
        return EmbedderStatus(False, "error", name, _failure_reason(name, exc))
    return EmbedderStatus(True, "ready", name, "", embedder)


def clear_cache() -> None:
    """Forget every loaded model (tests, or after the model files were replaced)."""
    with _cache_lock:
        _cache.clear()


_cache: dict[tuple[str, str | None], tuple[Any, threading.Lock]] = {}
_cache_lock = threading.Lock()


def _import_sentence_transformer() -> Any:
    # Belt and braces with local_files_only: no hub call may hang a request.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer


def _cached_model(sentence_transformer: Any, name: str, cache_dir: str | None) -> tuple:
    key = (name, cache_dir)
    with _cache_lock:
        if key not in _cache:
            _cache[key] = (_load_model(sentence_transformer, name, cache_dir), threading.Lock())
        return _cache[key]


def _load_model(sentence_transformer: Any, name: str, cache_dir: str | None) -> Any:
    path = Path(name).expanduser()
    if path.is_dir():
        return sentence_transformer(str(path), device="cpu", local_files_only=True)
    if _looks_like_path(name):
        raise NotADirectoryError(NOT_A_DIRECTORY_REASON.format(path=name))
    options = {"cache_folder": cache_dir} if cache_dir else {}
    return sentence_transformer(name, device="cpu", local_files_only=True, **options)


def _looks_like_path(name: str) -> bool:
    """Hub names are "owner/model"; anything else with a separator is a path."""
    return name.startswith((".", "~", os.sep)) or name.count("/") > 1 or "\\" in name


def _query_prefix(model: Any, configured: str | None) -> str:
    if configured is not None:
        return configured
    prompts = getattr(model, "prompts", None) or {}
    return str(prompts.get("query", ""))


def _dimension(model: Any) -> int:
    for method in ("get_embedding_dimension", "get_sentence_embedding_dimension"):
        if hasattr(model, method):
            dim = getattr(model, method)()
            if dim:
                return int(dim)
    probe = model.encode(["dimension probe"], convert_to_numpy=True, show_progress_bar=False)
    return int(np.asarray(probe).shape[-1])


def _failure_reason(name: str, exc: Exception) -> str:
    if isinstance(exc, NotADirectoryError):
        return str(exc)
    error = " ".join(f"{type(exc).__name__}: {exc}".split())[:MAX_ERROR_CHARS]
    reason = LOAD_FAILED_REASON.format(error=error)
    if not Path(name).expanduser().is_dir():
        reason += NOT_CACHED_HINT
    return reason
