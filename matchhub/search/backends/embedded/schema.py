"""The tantivy schema, derived from the declared search and filter fields.

Text is analysed by matchhub.search.analysis before it reaches tantivy, which only
splits on whitespace: ``<field>_c`` holds character uni+bigrams (interleaved, so a
bigram phrase can be matched by position) and ``<field>_w`` holds jieba words.
"""

import tantivy

from matchhub.search.fields import FILTER_FIELDS, SEARCH_FIELD_NAMES

CHAR_SUFFIX, WORD_SUFFIX = "_c", "_w"
SUGGEST_FIELD = "suggest"
# Numeric filter kinds are stored as i64 (money in cents, dates as ordinal days).
NUMERIC_KINDS = {"int", "money", "date", "bool"}


def text_field_names() -> list[str]:
    return [f"{name}{suffix}" for name in SEARCH_FIELD_NAMES for suffix in (CHAR_SUFFIX,
                                                                             WORD_SUFFIX)]


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
