"""Use cases: each changes the database through the models, writes its own audit record in the same
transaction, and flushes so conflicts surface here. None commits: the web layer's ``auto_commit_after_request``
(or a command) owns the transaction, so a change and its audit record are saved together or not at all.
"""
