#!/usr/bin/env python3
"""Drives Anki's own backend (the `anki` package) and genanki for recall's
interop tests. Each subcommand prints one JSON object on stdout.

  import PKG [PKG...]      import packages in order into a fresh collection
  csv FILE                 import an Anki text file into a fresh collection
  export PKG OUT MODE      import PKG, then export it (MODE: legacy | modern)
  stock OUT MODE           build notes of Anki's stock notetypes, export
  genanki OUT              write a package with genanki
"""
import json
import os
import sys
import tempfile

from anki.collection import (Collection, ExportAnkiPackageOptions,
                             ImportAnkiPackageOptions, ImportAnkiPackageRequest)
from anki.import_export_pb2 import ImportCsvRequest


def fresh():
    d = tempfile.mkdtemp()
    return Collection(os.path.join(d, "collection.anki2"))


def describe(col, log=None):
    notes = []
    for nid in sorted(col.find_notes("")):
        n = col.get_note(nid)
        notes.append({"guid": n.guid, "notetype": n.note_type()["name"],
                      "fields": list(n.fields), "tags": n.tags,
                      "deck": col.decks.name(col.get_card(n.card_ids()[0]).did)})
    out = {"notes": notes, "note_count": col.note_count(), "card_count": col.card_count()}
    if log is not None:
        out.update({"new": len(log.new), "updated": len(log.updated),
                    "duplicate": len(log.duplicate), "conflicting": len(log.conflicting)})
    return out


def import_pkgs(col, paths):
    log = None
    for p in paths:
        req = ImportAnkiPackageRequest(
            package_path=p,
            options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                             merge_notetypes=True))
        log = col.import_anki_package(req).log
    return log


def export(col, out, mode):
    col.export_anki_package(
        out_path=out,
        options=ExportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False,
                                         with_media=False, legacy=(mode == "legacy")),
        limit=None)


def main(argv):
    cmd = argv[1]
    if cmd == "import":
        col = fresh()
        log = import_pkgs(col, argv[2:])
        print(json.dumps(describe(col, log)))
    elif cmd == "csv":
        col = fresh()
        meta = col.get_csv_metadata(path=argv[2], delimiter=None)
        log = col.import_csv(ImportCsvRequest(path=argv[2], metadata=meta)).log
        print(json.dumps(describe(col, log)))
    elif cmd == "export":
        col = fresh()
        import_pkgs(col, [argv[2]])
        export(col, argv[3], argv[4])
        print(json.dumps(describe(col)))
    elif cmd == "stock":
        col = fresh()
        deck = col.decks.id("Anki Stock::Geography")
        basic = col.models.by_name("Basic")
        rev = col.models.by_name("Basic (and reversed card)")
        cloze = col.models.by_name("Cloze")
        n = col.new_note(basic)
        n["Front"], n["Back"] = "Capital of <b>France</b>?", "Paris&nbsp;<img src=\"paris.jpg\">"
        col.add_note(n, deck)
        n = col.new_note(rev)
        n["Front"], n["Back"] = "Largest ocean", "Pacific"
        col.add_note(n, deck)
        n = col.new_note(cloze)
        n["Text"] = "{{c1::Canberra}} is the capital of {{c2::Australia::country}}."
        col.add_note(n, deck)
        export(col, argv[2], argv[3])
        print(json.dumps(describe(col)))
    elif cmd == "genanki":
        import genanki
        basic = genanki.BUILTIN_MODELS[0] if hasattr(genanki, "BUILTIN_MODELS") else genanki.BASIC_MODEL
        deck = genanki.Deck(2059400110, "Genanki Deck")
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=["What is 2 + 2?", "4"], guid="g-basic"))
        deck.add_note(genanki.Note(model=genanki.BASIC_AND_REVERSED_CARD_MODEL,
                                   fields=["dog", "Hund"], guid="g-rev"))
        deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL,
                                   fields=["{{c1::Rust}} was first released in {{c2::2015}}.", ""],
                                   guid="g-cloze"))
        genanki.Package(deck).write_to_file(argv[2])
        print(json.dumps({"ok": True, "basic_model": basic is not None}))
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
