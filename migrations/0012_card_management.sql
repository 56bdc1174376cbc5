-- Everyday card management: local edits, per-deck limits, full-text search.
--
-- 1. Local edits. `recall edit` and `recall tag` change a card in this
--    database only; the group's deck file keeps its own text. `base` holds
--    the deck file's version of the card that the local text was made from
--    (JSON of the card, as an import last saw it), so a later import can
--    tell "the file has not changed since your edit" (keep yours) from "the
--    file changed too" (a conflict) (src/import.rs). NULL: no local edit;
--    '' : the file no longer has the card and the member chose to keep it.
ALTER TABLE cards ADD COLUMN base TEXT;

-- 2. Per-deck settings (new_per_day, review_cap) on top of the global ones
--    in `config`. A deck without a row follows the global setting.
CREATE TABLE deck_config (
    deck_id TEXT NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    value   INTEGER NOT NULL,
    PRIMARY KEY (deck_id, key)
) STRICT, WITHOUT ROWID;

-- 3. Full-text search (`recall search`) over fronts, backs, list items and
--    source sentences: an FTS5 index over the cards table (external
--    content: the text is not stored twice), kept by triggers on update and
--    delete. New cards are indexed by the one statement that inserts them
--    (storage::cards::insert_new, the only place cards are inserted): a
--    trigger's index insert per card made a 100,000-card import a third
--    slower. Words are stemmed (porter) and folded (case, diacritics), so
--    "valves" finds "valve" and "Etat" finds "État".
CREATE VIRTUAL TABLE cards_fts USING fts5(
    front, back, items, context,
    content = 'cards', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO cards_fts(cards_fts) VALUES ('rebuild');

CREATE TRIGGER cards_fts_delete AFTER DELETE ON cards
BEGIN
    INSERT INTO cards_fts(cards_fts, rowid, front, back, items, context)
        VALUES ('delete', OLD.id, OLD.front, OLD.back, OLD.items, OLD.context);
END;

CREATE TRIGGER cards_fts_update AFTER UPDATE OF front, back, items, context ON cards
    WHEN OLD.front IS NOT NEW.front OR OLD.back IS NOT NEW.back
      OR OLD.items IS NOT NEW.items OR OLD.context IS NOT NEW.context
BEGIN
    INSERT INTO cards_fts(cards_fts, rowid, front, back, items, context)
        VALUES ('delete', OLD.id, OLD.front, OLD.back, OLD.items, OLD.context);
    INSERT INTO cards_fts(rowid, front, back, items, context)
        VALUES (NEW.id, NEW.front, NEW.back, NEW.items, NEW.context);
END;

-- 4. The bundled sample deck is imported into a new database only: a
--    database that has had decks (and may have deleted them all with
--    `recall delete`) does not get it back.
INSERT INTO config(key, value)
    SELECT 'sample_deck_offered', '1' WHERE EXISTS (SELECT 1 FROM decks);
