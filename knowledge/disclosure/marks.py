"""List marks before a name: "가. ", "나) ", "(다) ", "1) ", "2. ", "(3) ", "④ ", "- ", "○ ".

A writer numbers the services (and the usage lines, the names below the cutoff) with
whatever list style the page uses; the mark is the list's, never part of the name.  A name
stored with it ("가. 서울 핀테크랩 관리 및 운영") would be a service of its own, joined to
no other round's.  One pattern here for every stage that reads a name or an item.
"""

from __future__ import annotations

import re

#: a Korean-letter, number, circled-number or bullet mark followed by a space; a Korean
#: letter only with "." or ")" after it ("가나다센터" is a name), a number not followed by a
#: digit ("2. 5개" is a mark, "2.5" is not)
_LIST_MARK = re.compile(
    r"^(?:"
    r"[가나다라마바사아자차카타파하]\s*[.)]"
    r"|[(\[]\s*(?:[가나다라마바사아자차카타파하]|[0-9]{1,2})\s*[)\]]"
    r"|[0-9]{1,2}\s*[.)](?![0-9])"
    r"|[①-⑳]"
    r"|[-–—•·▪◦○●ㅇ]"
    r")\s+"
)


def without_list_mark(text: str) -> str:
    """``text`` without the list marks it starts with ("가. 1) name" → "name")."""
    text = text.strip()
    while (m := _LIST_MARK.match(text)) is not None and text[m.end() :].strip():
        text = text[m.end() :].lstrip()
    return text
