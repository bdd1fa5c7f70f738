-- Sign-out and password resets end every browser session of an account issued before them.
ALTER TABLE users ADD COLUMN sessions_after INTEGER NOT NULL DEFAULT 0;
