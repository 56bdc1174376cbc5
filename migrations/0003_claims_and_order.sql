-- Two study sessions on one database must not show the same card: a session
-- claims the card it shows. A claim belongs to a process (pid) and expires,
-- so a killed session's claims do not block the next one.
CREATE TABLE claims (
    card_id    INTEGER PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,
    session    TEXT NOT NULL,      -- "<pid>-<start ms>"
    pid        INTEGER NOT NULL,
    expires_at INTEGER NOT NULL    -- unix ms
) STRICT;

-- New cards are taken in deck order; this lets the queue walk them in order
-- and stop at the daily limit instead of sorting every new card.
CREATE INDEX cards_deck_ord ON cards(deck_id, ord);
