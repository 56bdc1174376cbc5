-- Every answer wrote a page of revlog_card, at a random place (cards are
-- answered in no order of id). Nothing on the answer path reads it: the
-- session looks answers up by day (revlog_day_card), and `recall check`,
-- its only user, now finds each card's last answer in one grouped scan.
-- Cards are never deleted, so foreign keys need no index on revlog.card_id.
DROP INDEX revlog_card;
