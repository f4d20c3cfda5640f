"""The judge: a learned model of "does this text support, contradict, or not say that?".

``Models.judge()`` loads it once per process; :class:`Judge` answers for any number of
(premise, hypothesis) pairs with :class:`PairVerdict` (three probabilities and the words
of the hypothesis that carry a contradiction). See ``CARD.md`` beside this file.
"""

from newsdesk.judge.model import Judge, PairVerdict

__all__ = ["Judge", "PairVerdict"]
