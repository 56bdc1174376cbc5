-- Every answer rewrites the card's index entries: keep only the indexes
-- that earn their cost. card_state_active_due (retired, suspended, due)
-- serves every due-date query that card_state_due served; the E-Factor index
-- only sped up the "hardest cards" list, which now comes from the one scan
-- `recall stats` makes anyway.
DROP INDEX card_state_due;
DROP INDEX card_state_ef;
