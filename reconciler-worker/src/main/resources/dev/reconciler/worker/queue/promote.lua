-- Moves due delayed jobs to the tail of their list queues, so workers only ever pop lists and
-- every job they run is tracked in flight. ARGV: ns, own, expiry (unused), now (ms), limit.
local due = redis.call('ZRANGEBYSCORE', own .. ':delayed', '-inf', ARGV[4], 'LIMIT', 0, tonumber(ARGV[5]))
for _, member in ipairs(due) do
  redis.call('ZREM', own .. ':delayed', member)
  local sep = string.find(member, '|', 1, true)
  local q = string.sub(member, 1, sep - 1)
  redis.call('RPUSH', queue_key(q), string.sub(member, sep + 1))
  redis.call('SADD', ns .. ':queues', q)
  wake(q)
end
return #due
