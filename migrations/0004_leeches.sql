-- Leeches: a card that keeps failing (8 lapses, then every 4 more) is
-- flagged and, by default, suspended until the user unsuspends it.
-- suspended_by names the answer that suspended it, so undoing that answer
-- lifts the suspension again.
ALTER TABLE card_state ADD COLUMN leech INTEGER NOT NULL DEFAULT 0 CHECK (leech IN (0, 1));
ALTER TABLE card_state ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1));
ALTER TABLE card_state ADD COLUMN suspended_by INTEGER;
