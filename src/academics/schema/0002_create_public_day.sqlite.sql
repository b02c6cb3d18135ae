-- Kazakhstan's public-holiday / working-day calendar (R-O12): the days that differ from a
-- Monday-Friday week. Edited by the registrar; seeded from seed/holidays.csv. Not the
-- university's vacations (academics_holiday).
CREATE TABLE academics_public_day (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('public_holiday', 'day_off_transfer', 'working_saturday')),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL,
    source TEXT NOT NULL,
    confirmed SMALLINT NOT NULL CHECK (confirmed IN (0, 1)),
    updated_at BIGINT NOT NULL
);
