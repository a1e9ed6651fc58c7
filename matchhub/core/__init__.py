"""What every feature uses: the clock, the current user, settings and config files, the
database and its column types, errors and their HTTP answers, money, regions,
vocabularies, official identifiers, form helpers, uploads, rate limits and URL
converters. Core imports no feature package."""
