"""Demo data for ``matchhub demo``: fictional organisations and accounts, the CSL records
as published demo achievements and hand-written demo needs (all marked as demo data)."""
