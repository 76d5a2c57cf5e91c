-- A draft: without a job.yaml this folder is not a job.
SELECT 1;
