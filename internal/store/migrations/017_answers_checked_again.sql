-- PostgreSQL puts back the check that an answer row's response exists (its 017). SQLite never
-- dropped it: nothing to do here.
SELECT 1;
