"""Case-handling rules as pure Python (no Flask, no database): the status workflow, the working-day clock and who
may see or act on a case. The data layer and the web views apply them."""
