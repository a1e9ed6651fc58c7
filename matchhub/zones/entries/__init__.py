"""What zones enter and the province decides: reported values with sources and evidence,
policy texts and scores, featured indicators and targets (``recording``), and the entry
sheet the entry page shows (``sheet``)."""
