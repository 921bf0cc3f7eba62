-- 0010_subjects_fillfactor: room on each page of npsd.subjects for updated row versions.
--
-- Every stored response moves its subject's last-surveyed time, so subject rows are
-- updated far more often than they are created. On a full page an updated version
-- moves to another page and needs a new primary-key entry; with room left on the page
-- it stays there (a heap-only update) and the index is untouched. Pages written from
-- now on are filled to 70 %.
ALTER TABLE npsd.subjects SET (fillfactor = 70);
