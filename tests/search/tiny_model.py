"""A tiny random sentence-transformers model built on disk, with no download.

The vocabulary is the special tokens, ASCII letters and digits, some punctuation and
the whole CJK Unified Ideographs block, so Chinese text maps to real tokens. Weights
are random (seeded): the vectors mean nothing, but they are deterministic and go
through the real loading and encoding code.
"""

from pathlib import Path

import pytest

TINY_DIM = 32
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list("，。、；：？！（）《》“”-_.,;:?!()")
CJK_BLOCK = range(0x4E00, 0x9FFF + 1)


def tiny_vocabulary() -> list[str]:
    ascii_tokens = list("abcdefghijklmnopqrstuvwxyz0123456789")
    return SPECIAL_TOKENS + ascii_tokens + PUNCTUATION + [chr(code) for code in CJK_BLOCK]


def _modules():
    try:
        from sentence_transformers.sentence_transformer import modules
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers import models as modules
    return modules


def _save_bert(directory: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    directory.mkdir(parents=True, exist_ok=True)
    vocabulary = tiny_vocabulary()
    (directory / "vocab.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocabulary), hidden_size=TINY_DIM, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=64, max_position_embeddings=128,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(directory)
    BertTokenizerFast(vocab_file=str(directory / "vocab.txt")).save_pretrained(directory)


def build_tiny_model(directory: Path) -> Path:
    """Write a Transformer + mean Pooling + Normalize model into ``directory / "model"``."""
    from sentence_transformers import SentenceTransformer

    _save_bert(directory / "bert")
    modules = _modules()
    transformer = modules.Transformer(str(directory / "bert"), max_seq_length=64)
    pipeline = [transformer, modules.Pooling(TINY_DIM, "mean"), modules.Normalize()]
    target = directory / "model"
    SentenceTransformer(modules=pipeline, device="cpu").save(str(target))
    return target


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> str:
    return str(build_tiny_model(tmp_path_factory.mktemp("tiny_model")))
