"""A zone's construction programme: its status, the construction plan and its review,
yearly construction reports (with the generated DOCX), the final assessment, and the
documents zones submit for them."""
