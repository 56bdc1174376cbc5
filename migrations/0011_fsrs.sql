-- FSRS beside SM-2 (issue 15): a per-deck scheduler choice, FSRS memory
-- states, and review-log rows that say which scheduler decided them.
--
-- deck_scheduler: one row per deck that is not on SM-2's defaults.
-- params is a JSON array of the 21 FSRS parameters (NULL: the fsrs crate's
-- defaults); fitted_reviews/fitted_at record the last `recall optimize`.
-- since_revlog is the largest revlog id when the deck last switched
-- scheduler or had its memories recomputed from the log (optimize, an
-- imported history): `recall check` compares FSRS states with answers after it.
CREATE TABLE deck_scheduler (
    deck_id        TEXT PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE,
    scheduler      TEXT NOT NULL DEFAULT 'sm2' CHECK (scheduler = 'sm2' OR scheduler = 'fsrs'),
    retention      REAL NOT NULL DEFAULT 0.9 CHECK (retention >= 0.7 AND retention <= 0.99),
    params         TEXT,
    fitted_reviews INTEGER,
    fitted_at      INTEGER,
    since_revlog   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- On an FSRS deck, interval and due are FSRS's; ef, reps and lapses stay
-- SM-2's, and SM-2's own interval and due wait in sm2_interval/sm2_due
-- (NULL on SM-2 decks). stability (days) and difficulty (1-10) are the FSRS
-- memory (NULL for new cards and on SM-2 decks).
ALTER TABLE card_state ADD COLUMN stability REAL;
ALTER TABLE card_state ADD COLUMN difficulty REAL;
ALTER TABLE card_state ADD COLUMN sm2_interval INTEGER;
ALTER TABLE card_state ADD COLUMN sm2_due TEXT;

-- Which scheduler decided the answer: 'sm2', 'fsrs', or 'anki' for a review
-- imported from an Anki package's history (it changed no recall state).
-- The FSRS columns hold, for 'fsrs' rows, the memory and SM-2's interval
-- and due before and after the answer, so an undo restores all of it.
ALTER TABLE revlog ADD COLUMN scheduler TEXT NOT NULL DEFAULT 'sm2'
    CHECK (scheduler = 'sm2' OR scheduler = 'fsrs' OR scheduler = 'anki');
ALTER TABLE revlog ADD COLUMN stability_before REAL;
ALTER TABLE revlog ADD COLUMN difficulty_before REAL;
ALTER TABLE revlog ADD COLUMN sm2_interval_before INTEGER;
ALTER TABLE revlog ADD COLUMN sm2_due_before TEXT;
ALTER TABLE revlog ADD COLUMN stability_after REAL;
ALTER TABLE revlog ADD COLUMN difficulty_after REAL;
ALTER TABLE revlog ADD COLUMN sm2_interval_after INTEGER;
ALTER TABLE revlog ADD COLUMN sm2_due_after TEXT;
