"""Check a summary against its sources: for every sentence a verdict, a score, the words
that are wrong with what the sources say instead, and the source evidence."""

from newsdesk.check.checker import Checker, SentenceCheck, check_summary

__all__ = ["Checker", "SentenceCheck", "check_summary"]
