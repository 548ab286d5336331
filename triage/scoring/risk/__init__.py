"""Risk read from the words of a post, before and whatever the answers say: threats, incitement, dehumanising
language, disclosure of personal details and self-harm."""

from triage.scoring.risk.detector import UrgentFlag, threat_scores, urgent_flags

__all__ = ["UrgentFlag", "threat_scores", "urgent_flags"]
