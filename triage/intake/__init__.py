"""Pure-Python helpers for logging a complaint (no Flask): turning the intake draft into a case-file dict, and the
text and address comparisons used to spot the same post in other cases."""
