"""Import .apkg files into a fresh Mnemosyne collection and report what it holds.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 mnemosyne_import.py DECK.apkg [DECK2.apkg ...]

Every package is imported, in order, into the same new data directory (a temporary folder,
removed at the end), the way a learner imports next month's deck over last month's. After
each import one line is printed:

    RESULT {"step": 1, "file": "...", "cards": 26, "facts": 26, "card_ids": [...],
            "fact_ids": [...], "media": ["12381cd3-mode-collapse.svg"], "questions": {...}}

Mnemosyne prints its own progress on stdout too; only lines that start with "RESULT " are
meant to be parsed. The exit status is 0 when every import succeeded.
"""

import json
import os
import shutil
import sys
import tempfile


def main(paths):
    from mnemosyne.script import Mnemosyne

    data_dir = tempfile.mkdtemp(prefix="mnemosyne-")
    work_dir = tempfile.mkdtemp(prefix="apkg-")
    mnemosyne = None
    try:
        mnemosyne = Mnemosyne(data_dir)
        importer = next(
            f for f in mnemosyne.component_manager.all("file_format")
            if type(f).__name__ == "Anki2"
        )
        db = mnemosyne.database()
        for step, path in enumerate(paths, start=1):
            # The importer unpacks next to the package: give each package its own folder.
            local = os.path.join(work_dir, str(step), "deck.apkg")
            os.makedirs(os.path.dirname(local))
            shutil.copy(path, local)
            importer.do_import(local)
            db.save()
            card_ids = sorted(str(row[0]) for row in db.con.execute("select id from cards"))
            fact_ids = sorted(str(row[0]) for row in db.con.execute("select id from facts"))
            print("RESULT " + json.dumps({
                "step": step,
                "file": path,
                "cards": db.card_count(),
                "facts": db.fact_count(),
                "card_ids": card_ids,
                "fact_ids": fact_ids,
                "media": sorted(os.listdir(db.media_dir())),
                # The first field (the question) of every fact, by fact id (= note GUID).
                "questions": {fid: db.fact(fid, is_id_internal=False).data.get("0") for fid in fact_ids},
            }), flush=True)
    finally:
        if mnemosyne is not None:
            mnemosyne.finalise()
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
