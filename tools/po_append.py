"""Add translations to the end of the Russian catalog: `po_append.py FILE.json`, where the
JSON is a list of [msgid, msgstr] or [[singular, plural], [form0, form1, form2]]. Entries
already there are left as they are. `make messages` files them in place later."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parent.parent / "app/translations/ru/LC_MESSAGES/messages.po"


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(path: str) -> None:
    with PO.open("rb") as fh:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh)}
    added = []
    for msgid, msgstr in json.loads(Path(path).read_text(encoding="utf-8")):
        key = msgid if isinstance(msgid, str) else msgid[0]
        if key in known:
            continue
        known.add(key)
        flag = "#, python-format\n" if "%(" in key else ""
        if isinstance(msgid, str):
            added.append(f"{flag}msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
        else:
            forms = "".join(f"msgstr[{i}] {quote(s)}\n" for i, s in enumerate(msgstr))
            added.append(f"{flag}msgid {quote(msgid[0])}\nmsgid_plural {quote(msgid[1])}\n{forms}")
    with PO.open("a", encoding="utf-8") as fh:
        for entry in added:
            fh.write("\n" + entry)
    print(f"added {len(added)} entries")


if __name__ == "__main__":
    main(sys.argv[1])
