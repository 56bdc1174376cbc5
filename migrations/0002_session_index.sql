-- Study sessions ask "which cards were answered today, and what was the
-- day's last grade?" on every start; index (day, card_id) so that is a range
-- scan, not a walk over the whole log.
CREATE INDEX revlog_day_card ON revlog(day, card_id, id);
DROP INDEX revlog_day;
