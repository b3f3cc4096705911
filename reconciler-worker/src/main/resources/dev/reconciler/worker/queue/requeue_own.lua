-- Warm shutdown past its grace: put this worker's in-flight job back at the head of its queue.
-- ARGV: ns, own, worker, queue, payload.
local removed = redis.call('LREM', inflight_key(ARGV[3], ARGV[4]), 1, ARGV[5])
if removed > 0 then
  redis.call('LPUSH', queue_key(ARGV[4]), ARGV[5])
  wake(ARGV[4])
end
redis.call('DEL', ns .. ':worker:' .. ARGV[3])
return removed
