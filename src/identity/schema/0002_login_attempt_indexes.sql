-- The sign-in throttle counts failures by account and by address, and looks up an account's last
-- success; old rows are pruned by time. With every student of an exam signing in from one
-- address (a computer class behind one NAT, or a load balancer), an index on (address, at) alone
-- made each sign-in read every recent success of that address. Partial indexes hold only the
-- rows each question asks about.
DROP INDEX identity_login_attempt_login;
DROP INDEX identity_login_attempt_address;
CREATE INDEX identity_login_attempt_login_failed ON identity_login_attempt (login, at) WHERE success = 0;
CREATE INDEX identity_login_attempt_login_ok ON identity_login_attempt (login, at) WHERE success = 1;
CREATE INDEX identity_login_attempt_address_failed ON identity_login_attempt (address, at) WHERE success = 0;
CREATE INDEX identity_login_attempt_at ON identity_login_attempt (at);
