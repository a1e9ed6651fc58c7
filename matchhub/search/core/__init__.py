"""The search core: text analysis, query objects, index field declarations and the spec
registry, documents, fusion and filters. Imports matchhub.core and libraries only."""
