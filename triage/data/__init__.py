"""The data-access layer: every query lives here, so views never build queries and storage can be tested alone."""
