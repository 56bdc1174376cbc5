-- Study groups (`recall group progress`): a member's progress summaries
-- carry a random id made once per database and kept here, so a member's
-- newer summary replaces the older one in a group report instead of
-- counting as a second member. One row at most; nothing else refers to it.
CREATE TABLE group_member (
    slot       INTEGER PRIMARY KEY CHECK (slot = 1),
    id         TEXT NOT NULL,
    created_at INTEGER NOT NULL            -- unix ms
) STRICT;
