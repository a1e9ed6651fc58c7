"""The tantivy schema, derived from the declared search and filter fields.

Text is analysed by matchhub.search.core.analysis before it reaches tantivy, which only
splits on whitespace. All search fields go into ONE field, ``text``, of "mixed" tokens:
character unigrams and bigrams, interleaved so that a bigram phrase can be matched by
position, followed by the jieba words (a two-character word is also a bigram, so
word-aligned bigrams count twice: on the benchmark's dev split this beat separate
character and word fields, bench/retrieval_research_dev.txt, B3). Field boosts are
applied by repeating a field's tokens (title ×3, keywords ×2, ...) before BM25
saturates them, as BM25F does; a separator token keeps phrases inside one field copy.
One field means one posting list per query token, which keeps queries fast at 10^6
documents. ``profile`` stores each document's term profile for neighbour smoothing
(matchhub.search.core.neighbours).
"""

import tantivy

from matchhub.search.core.registry import filter_kinds

TEXT_FIELD = "text"
SEPARATOR = "\u2016"  # "‖": never produced by the analysis, breaks phrase adjacency
SUGGEST_FIELD = "suggest"
PROFILE_FIELD = "profile"
# Numeric filter kinds are stored as i64 (money in cents, dates as ordinal days).
NUMERIC_KINDS = {"int", "money", "date", "bool"}


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("item_type", fast=True, tokenizer_name="raw")
    builder.add_unsigned_field("item_id", stored=True, fast=True, indexed=True)
    # For indexer verify: the packed (item_type, id) and the content checksum, read as
    # columns without fetching stored documents.
    builder.add_unsigned_field("int_key", fast=True)
    builder.add_unsigned_field("checksum", fast=True)
    builder.add_text_field(TEXT_FIELD, tokenizer_name="whitespace", index_option="position")
    for name, kind in filter_kinds().items():
        if kind in NUMERIC_KINDS:
            builder.add_integer_field(name, fast=True, indexed=True)
        else:
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_text_field(SUGGEST_FIELD, tokenizer_name="raw")
    builder.add_bytes_field(PROFILE_FIELD, stored=True, indexed=False, fast=False)
    return builder.build()
