-- Warm shutdown past its grace: put this worker's in-flight job back at the head of its queue.
-- ARGV: ns, own, expiry (unused), worker, queue, payload.
local removed = redis.call('LREM', inflight_key(ARGV[4], ARGV[5]), 1, ARGV[6])
if removed > 0 then
  redis.call('LPUSH', queue_key(ARGV[5]), ARGV[6])
  wake(ARGV[5])
end
redis.call('DEL', ns .. ':worker:' .. ARGV[4])
return removed
