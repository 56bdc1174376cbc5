-- Imports add cards by the thousand: one count per inserted card made a
-- 100,000-card import a third slower. Imports now recount their deck once
-- at the end (storage::decks::recount), so inserts need no trigger.
DROP TRIGGER card_state_count_insert;
