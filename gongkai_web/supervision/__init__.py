"""Supervision of disclosure work: task lists with owners and closure, complaints, evaluations (issue 17)."""
