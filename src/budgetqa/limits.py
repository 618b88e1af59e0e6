"""What a client may send with a question, checked the same way by the API and the chat:
readable text only, a bounded history. Each refusal is a :class:`QuestionError` in Chinese.

    >>> check_question("三公经费有吗"); check_history(["三公经费有吗"], Settings())
"""

from __future__ import annotations

import re
from typing import Any

from .errors import HistoryError, QuestionError
from .settings import Settings

# Lone UTF-16 surrogates cannot be encoded (they used to reach the embedder and fail there);
# control characters other than tab and newlines are never part of a question.
UNREADABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_question(question: Any) -> None:
    """Refuse text that no reader could have typed (lone surrogates, control characters)."""
    if isinstance(question, str) and UNREADABLE.search(question):
        raise QuestionError("问题里有无法识别的字符，请删掉后重新输入 (unreadable character)")


def check_history(history: Any, settings: Settings) -> list | None:
    """At most ``max_history_items`` earlier questions, each no longer than a question may be."""
    if history is None:
        return None
    if not isinstance(history, list):
        raise HistoryError("对话历史必须是一个列表 (history must be a list)")
    if len(history) > settings.max_history_items:
        raise HistoryError(f"对话历史太长（{len(history)} 条），最多 {settings.max_history_items} 条 "
                            "(history too long)")
    for item in history:
        text = item.get("question") if isinstance(item, dict) else item
        if isinstance(text, (list, tuple)):
            text = text[0] if text else ""
        if not isinstance(text, str):
            raise HistoryError("对话历史里的每一项都必须是文字 (history items must be strings)")
        if len(text) > settings.max_question_chars:
            raise HistoryError(f"对话历史里有一项太长（{len(text)} 字），每项最多 "
                                f"{settings.max_question_chars} 字 (history item too long)")
        if UNREADABLE.search(text):
            raise HistoryError("对话历史里有无法识别的字符 (unreadable character in history)")
    return history
