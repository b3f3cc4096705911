-- Warm shutdown past its grace: put this worker's in-flight job back at the head of its queue,
-- exactly as it was stored, unless another delivery took it over. ARGV: ns, own, expiry, worker,
-- queue, payload. Returns finish_job's code.
local job, removed = finish_job(ARGV[4], ARGV[5], ARGV[6])
if job and return_job(ARGV[5], job, ARGV[4], tonumber(ARGV[3])) then wake(ARGV[5]) end
return removed
