-- Moves due delayed jobs to the tail of their list queues, so workers only ever pop lists and
-- every job they run is tracked in flight. An entry that names no queue ("queue|payload") is
-- not ours, and one whose queue key is no list cannot be queued: either goes to the failed list
-- with the reason, rather than stopping every promotion after it or vanishing.
-- ARGV: ns, own, expiry, now (ms), limit.
if redis.call('TYPE', own .. ':delayed').ok ~= 'zset' then return 0 end
local due = redis.call('ZRANGEBYSCORE', own .. ':delayed', '-inf', ARGV[4], 'LIMIT', 0, tonumber(ARGV[5]))
for _, member in ipairs(due) do
  redis.call('ZREM', own .. ':delayed', member)
  count_delayed(member, -1)
  local sep = string.find(member, '|', 1, true)
  if sep and sep > 1 then
    enqueue(string.sub(member, 1, sep - 1), string.sub(member, sep + 1), nil, tonumber(ARGV[3]), {})
  else
    push_failure('promote', '', unparseable(member), 'BadDelayedEntry',
      'delayed entry names no queue (expected "queue|payload")')
  end
end
return #due
