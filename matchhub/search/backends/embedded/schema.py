"""The tantivy schema, derived from the declared search and filter fields.

Text is analysed by matchhub.search.analysis before it reaches tantivy, which only
splits on whitespace. Each search field becomes one ``<field>_m`` field of "mixed"
tokens: character unigrams and bigrams, interleaved so that a bigram phrase can be
matched by position, followed by the jieba words. A two-character word is also a
bigram, so word-aligned bigrams count twice: on the benchmark's dev split this single
field beat separate character and word fields (bench/retrieval_research_dev.txt, B3).
"""

import tantivy

from matchhub.search.fields import FILTER_FIELDS, SEARCH_FIELD_NAMES

MIXED_SUFFIX = "_m"
SUGGEST_FIELD = "suggest"
# Numeric filter kinds are stored as i64 (money in cents, dates as ordinal days).
NUMERIC_KINDS = {"int", "money", "date", "bool"}


def text_field_names() -> list[str]:
    return [name + MIXED_SUFFIX for name in SEARCH_FIELD_NAMES]


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("item_type", fast=True, tokenizer_name="raw")
    builder.add_unsigned_field("item_id", stored=True, fast=True, indexed=True)
    for name in text_field_names():
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
    for name, kind in FILTER_FIELDS.items():
        if kind in NUMERIC_KINDS:
            builder.add_integer_field(name, fast=True, indexed=True)
        else:
            builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_text_field(SUGGEST_FIELD, tokenizer_name="raw")
    return builder.build()
