-- Warm shutdown past its grace: put this worker's in-flight job back at the head of its queue,
-- exactly as it was stored. ARGV: ns, own, expiry, worker, queue, payload.
local job, removed = finish_job(ARGV[4], ARGV[5], ARGV[6])
if job then
  redis.call('LPUSH', queue_key(ARGV[5]), job)
  wake(ARGV[5])
end
return removed
